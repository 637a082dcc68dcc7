# language: sv
Egenskap: Kramfors kommun — målstyrningen: fullmäktiges vision och mål, nämndernas egna mål och verksamhetsplaner
  Källa: 002_214b5141ad669d29.txt (Styrning och ledning): fullmäktige beslutar visionen och de
  kommunövergripande målen med budgeten; varje nämnd bestämmer sina nämndmål och sin verksamhetsplan
  på hösten; enheterna genomför aktiviteter.

  Bakgrund:
    Givet kommunen "kramfors"
    Och datumet är 2025-03-01

  Scenario: Fullmäktige beslutar om visionen
    När fullmäktige ska besluta om "vision"
    Så får fullmäktige besluta
    Och grunden innehåller "KL 5:1 p.1"

  Scenario: Kommunstyrelsen får inte besluta om visionen
    När kommunstyrelsen ska besluta om "vision"
    Så får kommunstyrelsen inte besluta
    Och skälet är "KL 5:1 p.1"
    Och i stället får "kf" besluta

  Scenario: De kommunövergripande målen är fullmäktiges, inte socialnämndens
    När socialnämnden ska besluta om "kommunovergripande-mal"
    Så får socialnämnden inte besluta
    Och skälet är "KL 5:1 p.1"

  Scenario: Budgeten med målstyrningen är fullmäktiges
    När kommunchefen ska besluta om "budget"
    Så får kommunchefen inte besluta
    Och skälet är "KL 5:1 p.2"

  Scenario: Socialnämnden bestämmer sina egna nämndmål
    När socialnämnden ska besluta om "namndmal-sn"
    Så får socialnämnden besluta
    Och grunden innehåller punkt "1" i "sn-reglemente"

  Scenario: Nämndens mål kan inte delegeras till förvaltningschefen
    När socialchefen ska besluta om "namndmal-sn"
    Så får socialchefen inte besluta
    Och skälet är "KL 6:38 p.1"
    Och i stället får socialnämnden besluta

  Scenario: Verksamhetsplanen bestäms av nämnden själv, inte av förvaltningschefen
    När socialchefen ska besluta om "verksamhetsplan-sn"
    Så får socialchefen inte besluta
    Och skälet är "KL 6:38 p.1"

  Scenario: Barn- och utbildningsnämnden bestämmer sin egen verksamhetsplan
    När "bun" ska besluta om "verksamhetsplan-bun"
    Så får "bun" besluta

  Scenario: En nämnd bestämmer inte en annan nämnds mål
    När "bun" ska besluta om "namndmal-sn"
    Så får "bun" inte besluta
    Och i stället får socialnämnden besluta

  Scenario: Fullmäktige har uppdragit nämndmålen åt nämnden att besluta i sitt ställe
    När fullmäktige ska besluta om "namndmal-sn"
    Så får fullmäktige inte besluta
    Och skälet är "KL 5:2"

  Scenario: Enheterna genomför aktiviteterna som ren verkställighet
    När "enhetschef-hemtjanst" ska besluta om "aktiviteter"
    Så beslutet är ren verkställighet

  Scenario: Biståndshandläggaren beslutar om hemtjänst på vidaredelegation när ärendet inte är principiellt
    Givet ärendet är inte av principiell beskaffenhet
    När biståndshandläggaren ska besluta om "bistand-hemtjanst"
    Så får biståndshandläggaren besluta
    Och det följer "KL 7:7"

  Scenario: Principiell myndighetsutövning mot enskild får inte delegeras, inte heller till utskottet
    Givet ärendet är av principiell beskaffenhet
    När "sn-au" ska besluta om "bistand-hemtjanst"
    Så får "sn-au" inte besluta
    Och skälet är "KL 6:38 p.3"
    Och i stället får socialnämnden besluta

  Scenario: Socialnämndens ordförande får besluta om nämndmålen endast i ett brådskande läge
    Givet ärendet är inte brådskande
    När "sn-ordf" ska besluta om "namndmal-sn"
    Så får "sn-ordf" inte besluta
    Och skälet är "KL 6:39"
