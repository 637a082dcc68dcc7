# language: sv
Egenskap: Lag (2006:544) — krisledningsnämnden under en extraordinär händelse
  Under en extraordinär händelse får krisledningsnämnden ta över beslutanderätten från andra nämnder, även i
  ärenden som nämnden inte får delegera (den beslutar i nämndens ställe), men aldrig fullmäktiges ärenden.
  Bara krisledningsnämnden har befogenheten.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Under en extraordinär händelse tar krisledningsnämnden över kommunstyrelsens ärenden
    Givet en extraordinär händelse pågår
    När krisledningsnämnden ska besluta om "<ärende>"
    Så får krisledningsnämnden besluta
    Och grunden innehåller "LEH (2006:544)"

    Exempel:
      | ärende           |
      | upphandling      |
      | anstallning      |
      | yttrande-till-kf |
      | verksamhetsplan  |

  Scenario: Utan en extraordinär händelse får krisledningsnämnden inte ta över
    Givet en extraordinär händelse inte pågår
    När krisledningsnämnden ska besluta om "upphandling"
    Så får krisledningsnämnden inte besluta
    Och skälet är "LEH (2006:544)"

  Scenario: Är det okänt om en extraordinär händelse pågår beror svaret på det
    När krisledningsnämnden ska besluta om "upphandling"
    Så beror svaret på "extraordinary_event"

  Scenario: Bara krisledningsnämnden får ta över andra nämnders ärenden
    Givet en extraordinär händelse pågår
    När arbetsutskottet ska besluta om "yttrande-till-kf"
    Så får arbetsutskottet inte besluta
    Och skälet är "LEH (2006:544)"
