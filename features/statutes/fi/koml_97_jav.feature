# language: sv
Egenskap: KomL 97 § — jäv
  Den som är jävig (förvaltningslagen 27–30 §§, med kommunala undantag) får inte delta i behandlingen av
  ärendet. Ersättaren får besluta i stället.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Abstrakt Scenario: En jävig person får inte besluta
    Givet beslutsfattaren är jävig
    När <person> ska besluta om "upphandling"
    Så får <person> inte besluta
    Och skälet är "KomL 97 §"

    Exempel:
      | person           |
      | ordföranden      |
      | ledamoten        |
      | kommundirektören |
      | handläggaren     |

  Scenario: En jävig delegats ersättare får besluta
    Givet beslutsfattaren är jävig
    När kommundirektören ska besluta om "anstallning"
    Så får kommundirektören inte besluta
    Och skälet är "KomL 97 §"
    Och i stället får HR-chefen besluta

  Scenario: Jäv enligt KomL 97 § gäller personer, inte ett organ
    Givet beslutsfattaren är jävig
    När sektionen ska besluta om "upphandling"
    Så får sektionen besluta
