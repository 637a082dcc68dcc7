# language: sv
Egenskap: Götene kommun — en förvaltning, fyra chefsnivåer och chefens personalansvar
  Källa: 004_8823e98f131d43fa.txt (Medarbetar- och ledningsstrategi): varje chef anställer och entledigar
  direkt underställd personal och sätter lön, inom budget; kommunchefen avgör ledningsgruppernas
  sammansättning och tar de slutgiltiga besluten.

  Bakgrund:
    Givet kommunen "gotene"
    Och datumet är 2025-03-01

  Scenario: En enhetschef får anställa personal i sin egen enhet inom budget
    Givet faktumet "employee_reports_to" är "enhetschef-skola-1"
    Och faktumet "within_budget" är "ja"
    När "enhetschef-skola-1" ska besluta om "anstallning"
    Så får "enhetschef-skola-1" besluta
    Och grunden innehåller punkt "P.1" i "ledningsstrategi"
    Och det följer "KL 6:40"

  Scenario: En enhetschef får inte anställa personal i en annan enhet
    Givet faktumet "employee_reports_to" är "enhetschef-skola-2"
    Och faktumet "within_budget" är "ja"
    När "enhetschef-skola-1" ska besluta om "anstallning"
    Så får "enhetschef-skola-1" inte besluta
    Och i stället får "enhetschef-skola-2" besluta

  Scenario: Utanför budget får enhetschefen inte anställa
    Givet faktumet "employee_reports_to" är "enhetschef-hemtjanst"
    Och faktumet "within_budget" är "nej"
    När "enhetschef-hemtjanst" ska besluta om "anstallning"
    Så får "enhetschef-hemtjanst" inte besluta

  Scenario: Utan uppgift om vem den anställde blir underställd beror svaret på det
    Givet faktumet "within_budget" är "ja"
    När "enhetschef-skola-1" ska besluta om "anstallning"
    Så beror svaret på "employee_reports_to"

  Scenario: En områdeschef sätter lön för sina direkt underställda enhetschefer
    Givet faktumet "employee_reports_to" är "omradeschef-grundskola"
    Och faktumet "within_budget" är "ja"
    När "omradeschef-grundskola" ska besluta om "lonesattning"
    Så får "omradeschef-grundskola" besluta
    Och grunden innehåller punkt "P.3" i "ledningsstrategi"

  Scenario: En områdeschef sätter inte lön för personal som är underställd en enhetschef
    Givet faktumet "employee_reports_to" är "enhetschef-skola-1"
    Och faktumet "within_budget" är "ja"
    När "omradeschef-grundskola" ska besluta om "lonesattning"
    Så får "omradeschef-grundskola" inte besluta
    Och i stället får "enhetschef-skola-1" besluta

  Scenario: En sektorschef entledigar en direkt underställd områdeschef
    Givet faktumet "employee_reports_to" är "sektorchef-omsorg"
    Och faktumet "within_budget" är "ja"
    När "sektorchef-omsorg" ska besluta om "entledigande"
    Så får "sektorchef-omsorg" besluta
    Och grunden innehåller punkt "P.2" i "ledningsstrategi"

  Scenario: En sektorschef entledigar inte personal i den andra sektorn
    Givet faktumet "employee_reports_to" är "sektorchef-utbildning"
    Och faktumet "within_budget" är "ja"
    När "sektorchef-omsorg" ska besluta om "entledigande"
    Så får "sektorchef-omsorg" inte besluta
    Och i stället får "sektorchef-utbildning" besluta

  Scenario: Kommunchefen anställer sina direkt underställda sektorschefer
    Givet faktumet "employee_reports_to" är "kommunchef"
    Och faktumet "within_budget" är "ja"
    När kommunchefen ska besluta om "anstallning"
    Så får kommunchefen besluta

  Scenario: Kommunchefen avgör vilka som ingår i ledningsgrupperna
    När kommunchefen ska besluta om "ledningsgrupp-sammansattning"
    Så får kommunchefen besluta
    Och grunden innehåller punkt "LG.1" i "ledningsstrategi"

  Scenario: Kommunchefen tar de slutgiltiga besluten, inte ledningsgruppen
    När kommunchefen ska besluta om "ledningsgrupp-beslut"
    Så får kommunchefen besluta
    Och grunden innehåller punkt "LG.2" i "ledningsstrategi"

  Scenario: Ledningsgrupp Verksamhet har som grupp ingen egen beslutanderätt
    När "lg-verksamhet" ska besluta om "ledningsgrupp-beslut"
    Så får "lg-verksamhet" inte besluta
    Och i stället får kommunchefen besluta

  Scenario: Budgeten beslutas av fullmäktige; ledningsgruppen lägger bara ett tjänstemannaförslag
    När kommunchefen ska besluta om "budget"
    Så får kommunchefen inte besluta
    Och skälet är "KL 5:1 p.2"
    Och i stället får "kf" besluta

  Scenario: Yttrande till fullmäktige avger kommunstyrelsen själv
    När kommunchefen ska besluta om "yttrande-till-kf"
    Så får kommunchefen inte besluta
    Och i stället får "ks" besluta
