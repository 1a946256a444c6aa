package dev.lethe.classifier.eval;

import java.text.Normalizer;
import java.util.List;

/**
 * People and places for the corpus. Deliberately includes names that are not in the classifier's
 * gazetteer (marked below), so recall on names is not measured on the dictionary itself.
 */
final class Names {

    static final List<String> GIVEN = List.of(
            "Anna",
            "Hans",
            "Marie",
            "Lukas",
            "Sophie",
            "Jean",
            "Camille",
            "Lucía",
            "Javier",
            "Giulia",
            "Matteo",
            "Daan",
            "Sanne",
            "Emma",
            "Oliver",
            "Charlotte",
            "Jürgen",
            "Élodie",
            "Francesco",
            "Pablo",
            "Ingrid",
            "Pieter",
            "Chiara",
            "Tobias",
            "Isabel",
            "Thomas",
            "Laura",
            "Peter",
            // not in the gazetteer:
            "Wiebke",
            "Gwendolyn",
            "Ximena",
            "Ottavio",
            "Fenna",
            "Ansgar",
            "Maëlys",
            "Bartholomeus");
    static final List<String> FAMILY = List.of(
            "Müller",
            "Schmidt",
            "Dubois",
            "Martin",
            "García",
            "Fernández",
            "Rossi",
            "Bianchi",
            "de Jong",
            "Jansen",
            "Smith",
            "Brown",
            "Wagner",
            "Moreau",
            "Romano",
            "van Dijk",
            "López",
            "Becker",
            "Lefebvre",
            "Visser",
            "Ricci",
            "Taylor",
            "Hoffmann",
            "Martínez",
            // not in the gazetteer:
            "Okonkwo",
            "Przybylski",
            "Vanterpool",
            "Achterberg",
            "Quintanilla",
            "Castellucci",
            "Oyelaran");
    static final List<String> STREETS_EN = List.of(
            "Baker Street",
            "High Street",
            "Elm Avenue",
            "Station Road",
            "Church Lane",
            "Maple Drive",
            "Kingsway Court");
    static final List<String> STREETS_DE =
            List.of("Hauptstraße", "Bahnhofstr.", "Lindenallee", "Schillerweg", "Marktplatz", "Goethestraße");
    static final List<String> STREETS_FR = List.of(
            "rue de la Paix",
            "avenue Victor Hugo",
            "boulevard Saint-Michel",
            "place de la République",
            "rue du Faubourg");
    static final List<String> STREETS_ES =
            List.of("Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá", "Paseo del Prado");
    static final List<String> STREETS_IT =
            List.of("Via Roma", "Via Giuseppe Garibaldi", "Corso Vittorio Emanuele", "Piazza Navona");
    static final List<String> STREETS_NL =
            List.of("Keizersgracht", "Dorpsstraat", "Kerkweg", "Stationsplein", "Beatrixlaan");
    static final List<String> TOWNS = List.of(
            "10115 Berlin",
            "80331 München",
            "75002 Paris",
            "69001 Lyon",
            "28013 Madrid",
            "08001 Barcelona",
            "00184 Roma",
            "20121 Milano",
            "1012 AB Amsterdam",
            "3011 AD Rotterdam");

    private Names() {}

    static String ascii(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace(" ", "");
    }
}
