# language: sv
Egenskap: KL 6:39 — brådskande ärenden
  Nämnden får uppdra åt ordföranden eller en annan ledamot som nämnden utsett att besluta i ärenden som är
  så brådskande att nämndens avgörande inte kan avvaktas; aldrig åt en anställd. Befogenheten kan enligt
  SKR:s tolkning nå även ärenden enligt KL 6:38, men aldrig fullmäktiges ärenden enligt KL 5:1. Besluten
  anmäls vid nämndens nästa sammanträde.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Ordföranden får i ett brådskande fall besluta även i ett ärende enligt KL 6:38
    Givet ärendet är brådskande
    När ordföranden ska besluta om "<ärende>"
    Så får ordföranden besluta
    Och grunden innehåller "KL 6:39"
    Och det följer "KL 6:39"

    Exempel:
      | ärende             |
      | verksamhetsplan    |
      | yttrande-till-kf   |
      | medborgarforslag   |
      | ej-delegerbart     |

  Scenario: Är ärendet inte brådskande gäller inte befogenheten
    Givet ärendet är inte brådskande
    När ordföranden ska besluta om "yttrande-till-kf"
    Så får ordföranden inte besluta
    Och skälet är "KL 6:39"

  Scenario: Är det okänt om ärendet brådskar beror svaret på det
    När ordföranden ska besluta om "yttrande-till-kf"
    Så beror svaret på "urgent"

  Scenario: En anställd kan aldrig få befogenheten i brådskande ärenden
    Givet ärendet är brådskande
    När kommundirektören ska besluta om "yttrande-till-kf"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:39"

  Scenario: Befogenheten i brådskande ärenden når inte fullmäktiges ärenden
    Givet ärendet är brådskande
    När ordföranden ska besluta om "budget"
    Så får ordföranden inte besluta
    Och skälet är "KL 5:1 p.2"
