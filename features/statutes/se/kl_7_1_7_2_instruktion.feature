# language: sv
Egenskap: KL 7:1–7:2 — kommundirektören och instruktionen
  Kommunstyrelsen utser en direktör som leder förvaltningen under styrelsen (KL 7:1) och anger i en
  instruktion hur direktören ska leda den (KL 7:2). En instruktion beskriver uppgifter; den ger beslutanderätt
  bara där den uttryckligen säger det, och aldrig i ärenden som nämnden inte får delegera.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Scenario: Instruktionen ger uttryckligen kommundirektören beslutanderätt
    När kommundirektören ska besluta om "representation"
    Så får kommundirektören besluta
    Och grunden innehåller "KL 7:2"
    Och grunden innehåller punkt "I1" i "instruktion"

  Scenario: En instruktion ger ingen beslutanderätt i ett ärende som nämnden inte får delegera
    När kommundirektören ska besluta om "yttrande-till-kf"
    Så får kommundirektören inte besluta
    Och skälet är "KL 6:38 p.2"

  Scenario: Den som instruktionen inte nämner får inte besluta
    När förvaltningschef ska besluta om "representation"
    Så får förvaltningschef inte besluta
    Och skälet är "HFD 2012 not. 76"
