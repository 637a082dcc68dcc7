# language: sv
Egenskap: KL 6:40 — anmälan av delegeringsbeslut
  Nämnden bestämmer i vilken utsträckning beslut som fattats med stöd av delegation ska anmälas till den.
  Ett beslut som inte anmäls men kan laglighetsprövas ska protokollföras särskilt.

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Scenario: Beslut enligt en punkt som ska anmälas anmäls till nämnden
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören besluta
    Och det följer "KL 6:40"

  Scenario: Beslut enligt en punkt som inte ska anmälas protokollförs särskilt
    När kommundirektören ska besluta om "attest"
    Så får kommundirektören besluta
    Och grunden innehåller punkt "4" i "ks-do"
    Och det följer "KL 6:40"
