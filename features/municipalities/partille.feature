# language: sv
Egenskap: Partille kommun — instruktion för kommundirektören (KS 2024-11-20 § 179) och delegationsordningen för rekrytering och lön
  Källa: 003_9b98b9538b6e2b86.txt. Instruktionen ger kommundirektören uttryckligen rätt att utse och leda
  kommunledningsgruppen och att leda krisledningsarbetet; befogenheterna kring rekrytering och
  lönesättning finns i kommunstyrelsens delegationsordning (antagen där källan är tyst).

  Bakgrund:
    Givet kommunen "partille"
    Och datumet är 2025-03-01

  Scenario: Kommundirektören utser kommunledningsgruppen enligt instruktionen
    När kommundirektören ska besluta om "utse-kommunledningsgrupp"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "3.4" i "kd-instruktion"
    Och grunden innehåller "KL 7:2"

  Scenario: Före instruktionens antagande hade kommundirektören inte den rätten
    Givet datumet är 2024-11-01
    När kommundirektören ska besluta om "utse-kommunledningsgrupp"
    Så får kommundirektören inte besluta
    Och i stället får kommunstyrelsen besluta

  Scenario: Kommunledningsgruppen utser inte sig själv
    När kommunledningsgruppen ska besluta om "utse-kommunledningsgrupp"
    Så får kommunledningsgruppen inte besluta
    Och i stället får kommundirektören besluta

  Scenario: Kommundirektören leder krisledningsarbetet enligt instruktionen
    När kommundirektören ska besluta om "leda-krisledningsarbete"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "3.1" i "kd-instruktion"

  Scenario: Att verkställa kommunstyrelsens beslut är ren verkställighet
    När kommundirektören ska besluta om "verkstalla-ks-beslut"
    Så beslutet är ren verkställighet

  Scenario: Kommundirektören anställer förvaltningschefer enligt delegationsordningen
    När kommundirektören ska besluta om "anstallning-forvaltningschef"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "2.1" i "ks-do"
    Och det följer "KL 6:40"
    Och svaret bygger på ett antagande

  Scenario: Kommundirektören anställer inte sig själv; det gör kommunstyrelsen
    När kommundirektören ska besluta om "anstallning-kommundirektor"
    Så får kommundirektören inte besluta
    Och i stället får kommunstyrelsen besluta

  Scenario: Kommundirektörens lön sätts av ordföranden, inte av kommundirektören
    När ordföranden ska besluta om "lonesattning-kommundirektor"
    Så får ordföranden besluta
    Och grunden innehåller punkt "2.3" i "ks-do"

  Scenario: Avdelningschefen anställer på vidaredelegation inom budget
    Givet faktumet "within_budget" är "ja"
    När avdelningschefen ska besluta om "anstallning-personal"
    Så får avdelningschefen besluta
    Och grunden innehåller punkt "V1" i "kd-vidaredelegation"
    Och det följer "KL 7:7"

  Scenario: Utanför budget får avdelningschefen inte anställa
    Givet faktumet "within_budget" är "nej"
    När avdelningschefen ska besluta om "anstallning-personal"
    Så får avdelningschefen inte besluta

  Scenario: Lönesättning utan uppgift om budget beror på budgeten
    När kommundirektören ska besluta om "lonesattning-personal"
    Så beror svaret på "within_budget"

  Scenario: Punkten om uppsägning medger inte vidaredelegation; HR-chefen beslutar bara som ersättare
    Givet faktumet "delegate_unavailable" är "nej"
    När HR-chefen ska besluta om "uppsagning-personal"
    Så får HR-chefen inte besluta

  Scenario: HR-chefen är ersättare för kommundirektören vid uppsägning
    Givet faktumet "delegate_unavailable" är "ja"
    När HR-chefen ska besluta om "uppsagning-personal"
    Så får HR-chefen besluta
    Och grunden innehåller punkt "2.6" i "ks-do"

  Scenario: Riktlinjer för lönebildning beslutas av arbetsutskottet, inte av kommundirektören
    När kommundirektören ska besluta om "lonebildning-riktlinjer"
    Så får kommundirektören inte besluta
    Och i stället får "ks-au" besluta

  Scenario: Kommundirektörens instruktion får inte delegeras
    När kommundirektören ska besluta om "instruktion-kommundirektor"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:38 p.1"

  Scenario: Kommunfullmäktiges mål är fullmäktiges, även om kommundirektören ska säkra att de levereras
    När kommundirektören ska besluta om "mal-riktlinjer"
    Så får kommundirektören inte besluta
    Och skälet är "KL 5:1 p.1"
