# language: sv
Egenskap: Jäv — KL 6:28–32 för förtroendevalda och KL 7:4 för anställda
  Den som är jävig får inte delta i handläggningen av ärendet. Punktens ersättare får besluta i stället,
  eller ärendet går tillbaka till nämnden.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: En jävig förtroendevald får inte besluta
    Givet beslutsfattaren är jävig
    När <ledamot> ska besluta om "upphandling"
    Så får <ledamot> inte besluta
    Och skälet är "KL 6:28"

    Exempel:
      | ledamot     |
      | ordföranden |
      | ledamoten   |

  Scenario: En jävig anställd får inte besluta; ersättaren får
    Givet beslutsfattaren är jävig
    När kommundirektören ska besluta om "anstallning"
    Så får kommundirektören inte besluta
    Och skälet är "KL 7:4"
    Och i stället får HR-chefen besluta

  Scenario: Ersättaren beslutar när delegaten är förhindrad
    Givet faktumet "delegate_unavailable" är "ja"
    När HR-chefen ska besluta om "anstallning"
    Så får HR-chefen besluta

  Scenario: Ersättaren beslutar inte när delegaten kan
    Givet faktumet "delegate_unavailable" är "nej"
    När HR-chefen ska besluta om "anstallning"
    Så får HR-chefen inte besluta

  Scenario: En delegat som inte är jävig får besluta
    Givet beslutsfattaren är inte jävig
    När kommundirektören ska besluta om "anstallning"
    Så får kommundirektören besluta

  Scenario: Jäv enligt KL gäller personer, inte ett organ
    Givet beslutsfattaren är jävig
    När arbetsutskottet ska besluta om "upphandling"
    Så får arbetsutskottet besluta
