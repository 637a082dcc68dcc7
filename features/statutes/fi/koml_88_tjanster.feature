# language: sv
Egenskap: KomL 88 § — tjänster inrättas av ett organ
  Tjänster inrättas och dras in av fullmäktige eller av ett organ som anges i förvaltningsstadgan, aldrig av
  en enskild person.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Abstrakt Scenario: Ett organ som förvaltningsstadgan anger får inrätta en tjänst
    När <organ> ska besluta om "inratta-tjanst"
    Så får <organ> besluta
    Och grunden innehåller "KomL 88 §"

    Exempel:
      | organ            |
      | kommunstyrelsen  |
      | bildningsnämnden |
      | sektionen        |

  Abstrakt Scenario: En enskild person får aldrig inrätta en tjänst
    När <person> ska besluta om "inratta-tjanst"
    Så får <person> inte besluta
    Och skälet är "KomL 88 §"

    Exempel:
      | person              |
      | kommundirektören    |
      | bildningsdirektören |
      | ordföranden         |
      | handläggaren        |
