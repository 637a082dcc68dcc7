# language: sv
Egenskap: KomL 134–138 §§ — verkställighet kan inte överklagas
  Beslut som enbart gäller beredning eller verkställighet får inte överklagas genom omprövningsbegäran eller
  kommunalbesvär (136 §).

  Bakgrund:
    Givet en kommun i Finland
    Och datumet är 2025-03-01

  Scenario: Avrop enligt ramavtal är verkställighet, inte ett delegerat beslut
    När handläggaren ska besluta om "avrop"
    Så beslutet är ren verkställighet
    Och det följer "KomL 136 §"
