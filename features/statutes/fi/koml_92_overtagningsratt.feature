# language: sv
Egenskap: KomL 92 § — övertagningsrätt
  Kommunstyrelsen, dess ordförande eller kommundirektören kan ta upp ett delegerat ärende till behandling
  inom 14 dagar, den tid som gäller för omprövningsbegäran. Ett delegerat beslut vinner därför laga kraft först
  när fristen gått ut utan att ärendet tagits upp. Övertagningsrätten gäller inte tillstånds-, anmälnings-,
  tillsyns- och motsvarande förfaranden eller enskilda ärenden inom undervisning, hälso- och sjukvård eller
  socialvård.

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Abstrakt Scenario: Ett delegerat beslut kan tas upp av kommunstyrelsen inom 14 dagar
    När <delegat> ska besluta om "upphandling"
    Så får <delegat> besluta
    Och det följer "KomL 92 §"
    Och det följer en frist på 14 dagar

    Exempel:
      | delegat          |
      | kommundirektören |
      | sektionen        |
      | handläggaren     |

  Scenario: Övertagningsrätten gäller också ett beslut av ersättaren
    Givet faktumet "delegate_unavailable" är "ja"
    När HR-chefen ska besluta om "anstallning"
    Så får HR-chefen besluta
    Och det följer "KomL 92 §"

  Abstrakt Scenario: Undantagna ärenden: beslutet får fattas, men utan övertagningsrätt
    När kommundirektören ska besluta om "<ärende>"
    Så får kommundirektören besluta
    Och grunden innehåller "KomL 92 §"

    Exempel:
      | ärende        |
      | tillsyn       |
      | dagvardsplats |
