# language: sv
Egenskap: Praxis — delegation till en person eller ett organ, ren verkställighet, beslut utan delegation
  Delegation sker till en person eller ett organ: aldrig till en grupp av anställda och aldrig till anställda
  och förtroendevalda som beslutar tillsammans (blandad delegation). Ren verkställighet är inte delegation:
  den anmäls inte och kan inte laglighetsprövas (KL 13:2). Ett beslut utan delegation är ogiltigt
  (HFD 2012 not. 76).

  Bakgrund:
    Givet en kommun i Sverige
    Och datumet är 2025-03-01

  Abstrakt Scenario: Ingen delegation till en grupp av anställda
    När <grupp> ska besluta om "upphandling"
    Så får <grupp> inte besluta
    Och skälet är "Praxis: gruppdelegation"

    Exempel:
      | grupp           |
      | personalgruppen |
      | ledningsgruppen |

  Scenario: Ingen blandad delegation till anställda och förtroendevalda tillsammans
    När den blandade gruppen ska besluta om "upphandling"
    Så får den blandade gruppen inte besluta
    Och skälet är "Praxis: blandad delegation"

  Scenario: Avrop enligt ramavtal är ren verkställighet, inte ett delegeringsbeslut
    När handläggaren ska besluta om "avrop"
    Så beslutet är ren verkställighet
    Och det följer "KL 13:2"

  Scenario: Att ren verkställighet inte kan laglighetsprövas (KL 13:2) visas som overifierat
    När handläggaren ska besluta om "avrop"
    Så beslutet är ren verkställighet
    Och "KL 13:2" visas som overifierad

  Scenario: Den som inte har fått beslutanderätt får inte besluta; ett sådant beslut är ogiltigt
    När sektorchefen ska besluta om "anstallning"
    Så får sektorchefen inte besluta
    Och skälet är "HFD 2012 not. 76"
    Och i stället får kommundirektören besluta
