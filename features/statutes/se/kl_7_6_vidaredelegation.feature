# language: sv
Egenskap: KL 7:6–7:8 — vidaredelegation
  Har nämnden delegerat till en förvaltningschef och medgett det, får förvaltningschefen i sin tur uppdra åt
  en annan anställd att besluta. Bara förvaltningschefen får vidaredelegera, bara det nämnden delegerat och
  medgett, och bara till en anställd. Besluten anmäls till förvaltningschefen (KL 7:7); KL 6:40 gäller även
  dem (KL 7:8).

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Scenario: Förvaltningschefen vidaredelegerar där nämnden medgett det
    När handläggaren ska besluta om "upphandling"
    Så får handläggaren besluta
    Och grunden innehåller "KL 7:6"
    Och grunden innehåller punkt "V1" i "fc-vidaredelegation"
    Och det följer "KL 7:7"
    Och det följer "KL 7:8"

  Scenario: Anmälan till förvaltningschefen (KL 7:7) visas som overifierad
    När handläggaren ska besluta om "upphandling"
    Så får handläggaren besluta
    Och "KL 7:7" visas som overifierad

  Scenario: Har nämnden inte medgett vidaredelegation i punkten får förvaltningschefen inte vidaredelegera
    När assistenten ska besluta om "upphandling"
    Så får assistenten inte besluta
    Och skälet är "KL 7:6"

  Scenario: Bara en förvaltningschef får vidaredelegera
    När registratorn ska besluta om "upphandling"
    Så får registratorn inte besluta
    Och skälet är "KL 7:6"

  Scenario: Den som fått beslutanderätt genom vidaredelegation får inte föra den vidare
    När praktikanten ska besluta om "upphandling"
    Så får praktikanten inte besluta
    Och skälet är "KL 7:6"

  Abstrakt Scenario: Vidaredelegation får ske bara till en anställd
    När <mottagare> ska besluta om "upphandling"
    Så får <mottagare> inte besluta
    Och skälet är "KL 7:6"

    Exempel:
      | mottagare       |
      | ersättaren      |
      | personalgruppen |
