package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The held-out evaluation corpus of the free-text detectors. Nothing here comes from the training corpus:
 * other templates (written separately), hand-written name, street, town and organisation lists (no
 * datafaker), and hand-written ticket-like sentences labelled inline as {@code [[TYPE:text]]}.
 */
final class NerEvaluationCorpus {

    static final String[] FIRST = {
        "Lukas",
        "Amara",
        "Chidi",
        "Siobhan",
        "Mateusz",
        "Ines",
        "Giulia",
        "Joost",
        "Priya",
        "Hamza",
        "Ingrid",
        "Yusuf",
        "Beatriz",
        "Dmitri",
        "Fenna",
        "Oisin",
        "Léa",
        "Marta",
        "Tobias",
        "Aaliyah",
        "Kwame",
        "Renate",
        "Sebastián",
        "Wiebke",
        "Nguyen",
        "Agnieszka",
        "Rafael",
        "Eleanor",
        "Gabriel",
        "Hannah",
        "Noor",
        "Cormac",
        "Ottilie",
        "Bram",
        "Zofia",
        "Emeka",
        "Carmen",
        "Henrik",
        "Sunita",
        "Lorenzo"
    };
    static final String[] LAST = {
        "de Vries", "Okonkwo", "Kowalczyk", "Fitzgerald", "Albrecht", "Moreau", "Esposito", "van den Berg",
        "Haddad", "Lindqvist", "Ferreira", "Petrenko", "Nakamura", "O'Sullivan", "Brandt", "Castellano",
        "Wiśniewska", "Abernathy", "Delacroix", "Mensah", "Romero", "Janssen", "Schulte-Bräuning", "Oyelaran",
        "Thornbury", "Vasquez", "Pellegrini", "Hoekstra", "Dąbrowski", "MacAllister", "Achterberg", "Szabo"
    };
    static final String[] STREET_EN = {
        "Maple Crescent",
        "Harbour Road",
        "Elm Grove",
        "Kingsley Avenue",
        "Willow Lane",
        "Ashdown Street",
        "Orchard Close",
        "Beacon Hill Road",
        "Larkspur Drive",
        "Mill Lane"
    };
    static final String[] ADDRESS_EU = {
        "42 Rue des Lilas, 75011 Paris",
        "Kastanienallee 12, 10435 Berlin",
        "Calle de Alcalá 87, 28009 Madrid",
        "Via dei Mille 14, 80121 Napoli",
        "Prinsengracht 263, 1016 GV Amsterdam",
        "ul. Marszałkowska 104, 00-017 Warszawa",
        "Schillerstraße 8, 80336 München",
        "15 boulevard Voltaire, 69003 Lyon",
        "Avenida de la Constitución 21, Sevilla",
        "Lindenweg 3a, 50667 Köln",
        "Korte Nieuwstraat 9, 3512 NM Utrecht",
        "Corso Buenos Aires 45, 20124 Milano"
    };
    static final String[] TOWN_EN = {
        "Leeds", "Portland", "Bristol", "Galway", "Sacramento", "Aberdeen", "Brighton", "Boise", "Cork", "Halifax"
    };
    static final String[] CITY = {
        "Rotterdam", "Kraków", "Marseille", "Valencia", "Turin", "Hamburg", "Dublin", "Lisbon", "Chicago",
        "Nairobi", "Osaka", "Manchester", "Zürich", "Antwerp", "Gdańsk", "Seville", "Leipzig", "Toronto"
    };
    static final String[] COUNTRY = {
        "Portugal",
        "Nigeria",
        "Canada",
        "Poland",
        "Ireland",
        "Belgium",
        "Kenya",
        "Austria",
        "Mexico",
        "Sweden",
        "the Netherlands",
        "Japan"
    };
    static final String[] ORG = {
        "Northwind Traders", "Riverside Tennis Club", "University of Leeds", "Brightwater Insurance",
        "Hollis & Grant LLP", "Sankt Georg Klinikum", "Bluepeak Logistics GmbH", "Greenfield Academy",
        "Meridian Bank", "Tallis Software Ltd"
    };
    static final String[] PRODUCT = {
        "Galaxy Tab S9",
        "ThinkPad X1 Carbon",
        "Kindle Paperwhite",
        "AirPods Pro",
        "Premium Plan",
        "Dark Mode",
        "Family Bundle",
        "Nova Blender 3000",
        "Smart Thermostat",
        "Gold Membership"
    };
    static final String[] PHONE = {
        "(212) 555-0199",
        "0151 2345 6789",
        "020 7946 0958",
        "+44 20 7946 0958",
        "06 12 34 56 78",
        "+49 30 901820",
        "415-555-0132",
        "030 1234567"
    };

    /** Templates written for evaluation only; placeholders as in training but filled from the lists above. */
    static final String[] TEMPLATES = {
        "Could {P} please get back to me? It's urgent.",
        "I've been waiting three weeks, {PF}. Still no refund.",
        "Good morning {PT}, your appointment is confirmed.",
        "To {PT}: the documents are ready for signature.",
        "We have recorded your new address as {A}.",
        "Courier left the box at {S}, which is my neighbour's house.",
        "Since moving to {C} I no longer receive your letters.",
        "Our customer {P} travels between {C} and {K} a lot.",
        "Escalated by {PF} after {P} complained on the phone.",
        "{P} needs the invoice sent to {A} by Friday.",
        "The {X} was activated for {P} yesterday.",
        "Is the {X} available in {K}?",
        "Please phone {P} on {T} after {TIME}.",
        "tel: {T} (ask for {PF})",
        "You can call me at {T} any time.",
        "My partner {P} and I live at {A}.",
        "Employer: {O}, {C}.",
        "{P} works for {O} and lives in {C}.",
        "The {X} upgrade failed for account {N}.",
        "Order {N} total was {N} EUR, customer asked about the {X}.",
        "Kind regards, {P} ({O})",
        "Thanks again {PF}!",
        "{PT} asked us to remove her data, she now lives in {K}.",
        "I'm {AGEY} old and my email is {E}.",
        "Our member {P}, aged {AGE}, joined {O} last spring.",
        "Please forward all mail for {P} to {ST}.",
        "The engineer will come to {S} on Tuesday.",
        "Deliveries for {O} go to {ST}.",
    };

    /** Hand-written sentences of the kind support tickets and notes contain, labelled inline. */
    static final String[] WRITTEN = {
        "please call [[PERSON:Lukas de Vries]] back",
        "Dear [[TITLE:Mrs.]] [[PERSON:Okonkwo]],",
        "I moved to [[ADDRESS:42 Rue des Lilas, 75011 Paris]] in June.",
        "call me at [[PHONE:(212) 555-0199]]",
        "my mobile is [[PHONE:0151 2345 6789]]",
        "I'm [[AGE:34 years]] old",
        "hey, it's [[PERSON:Mateusz]] again - the Galaxy Tab S9 still won't charge",
        "Refund approved by [[PERSON:Siobhan Fitzgerald]] on [[DATE_TIME:3 May]].",
        "The Premium Plan renewal failed twice this week.",
        "Dark Mode is broken since the last update.",
        "Version 4.2 of the Smart Thermostat firmware fixes the bug.",
        "Order total: 34 EUR, shipping 5 EUR.",
        "We met [[PERSON:Dr. Amara Haddad]] at the [[LOCATION:Rotterdam]] conference.",
        "[[PERSON:Chidi]] says the parcel is stuck in [[LOCATION:Antwerp]].",
        "Send the contract to [[PERSON:Ines Ferreira]], [[ADDRESS:Calle de Alcalá 87, 28009 Madrid]].",
        "Hi support, I'm [[PERSON:Giulia Esposito]] and I can't log in.",
        "Customer lives in [[LOCATION:Gdańsk]], [[LOCATION:Poland]].",
        "[[PERSON:Hamza]] from [[ORGANIZATION:Meridian Bank]] confirmed the transfer.",
        "Please update billing to [[ADDRESS:Kastanienallee 12, 10435 Berlin]].",
        "The Kindle Paperwhite arrived with a cracked screen.",
        "Monday's release notes mention the Family Bundle.",
        "[[PERSON:Wiebke Albrecht]] ([[EMAIL:w.albrecht@example.de]]) wants her data deleted.",
        "Ring [[PERSON:Cormac]] on [[PHONE:020 7946 0958]] about the leak.",
        "Spoke to [[PERSON:Mr. Nakamura]]'s daughter, he is [[AGE:82]] and hard of hearing.",
        "New tenant at [[ADDRESS:17 Elm Grove]] is [[PERSON:Priya Patel]].",
        "ThinkPad X1 Carbon batteries are back in stock.",
        "The Gold Membership costs 120 a year.",
        "Invoice 2024-118 was paid in full.",
        "Reach me on [[PHONE:06 12 34 56 78]], I'm in [[LOCATION:Marseille]] this week.",
        "[[PERSON:Zofia Kowalczyk]] used to work at [[ORGANIZATION:Tallis Software Ltd]].",
        "I am [[AGE:27]] and new to [[LOCATION:Toronto]].",
        "Thanks, [[PERSON:Eleanor]]",
        "Apple Pay and Google Pay both failed at checkout.",
        "The Nova Blender 3000 is louder than expected.",
        "Lost my card in [[LOCATION:Lisbon]], please block it.",
        "[[PERSON:Henrik Lindqvist]] will take over the ticket from [[PERSON:Bram]].",
        "Deliver to [[ADDRESS:Prinsengracht 263, 1016 GV Amsterdam]], ring twice.",
        "Our kids go to [[ORGANIZATION:Greenfield Academy]] in [[LOCATION:Leeds]].",
        "Status page says Europe West is degraded.",
        "The Smart Thermostat shows Error 42 every morning.",
        "She is [[NATIONALITY:Nigerian]] and has lived in [[LOCATION:Leeds]] since [[DATE_TIME:March 2019]].",
        "The applicant is a [[NATIONALITY:Brazilian]] citizen with a work permit.",
        "My husband is [[NATIONALITY:Polish]], so the letters should be in English please.",
        "He mentioned he is a practising [[RELIGION:Muslim]] and cannot attend on Friday afternoons.",
        "Our tenant is [[RELIGION:Jewish]] and asked whether the office closes for the holidays.",
        "[[TITLE:Mr]] [[PERSON:Haddad]] says he has voted [[POLITICAL_GROUP:Labour]] all his life.",
        "She is a member of the [[POLITICAL_GROUP:SPD]] and wants her data removed from the list.",
        "My zip code is [[ZIP_CODE:94103]] but the form rejects it.",
        "Postcode [[ZIP_CODE:SW1A 2AA]], the rest of the address is on file.",
        "You can see my work at [[DOMAIN_NAME:annika-design.de]] if you need references.",
        "We moved the shop to [[DOMAIN_NAME:harbourlane-books.co.uk]] last year.",
        "My username is [[USERNAME:lukas_dv84]] if that helps.",
        "Ping me on Slack, I'm [[USERNAME:@amara.h]].",
        "The inspection is booked for [[DATE_TIME:12 June 2024]] at [[DATE_TIME:3pm]].",
        "Our contract with [[ORGANIZATION:Meridian Bank]] ends on [[DATE_TIME:31/12/2025]].",
        "The German keyboard layout is missing two keys.",
        "Labour costs went up by 5% this year.",
        "Please update to version 3.12 of the Android app.",
        "The file report.pdf is attached, open settings.json to change the port.",
        "May I ask for a refund on the Family Bundle?",
        "The French press and the Italian espresso maker are both on sale.",
        "Total was 94103 points, a new high score.",
    };

    /** Hand-written German sentences (held out like the English ones; no German generated set yet). */
    static final String[] WRITTEN_DE = {
        "Bitte rufen Sie [[PERSON:Jörg Wiesenthal]] morgen zurück.",
        "Sehr geehrte [[TITLE:Frau]] [[PERSON:Okonkwo]], anbei die Rechnung.",
        "Ich wohne jetzt in der [[ADDRESS:Kastanienallee 12, 10435 Berlin]].",
        "Mein Handy: [[PHONE:0151 2345 6789]]",
        "Ich bin [[AGE:34 Jahre]] alt und lebe in [[LOCATION:Leipzig]].",
        "Die Lieferung an [[ADDRESS:Schillerstraße 8, 80336 München]] kam nie an.",
        "[[PERSON:Wiebke Albrecht]] arbeitet bei der [[ORGANIZATION:Meridian Bank]].",
        "[[TITLE:Herr]] [[PERSON:Dąbrowski]] hat zweimal angerufen.",
        "Das Galaxy Tab S9 lädt nicht mehr.",
        "Die Bestellung 4711 wurde storniert.",
        "Der Premium-Tarif kostet 12 Euro im Monat.",
        "Mit freundlichen Grüßen\n[[PERSON:Tobias Brandt]]",
        "Unsere Tochter studiert an der [[ORGANIZATION:University of Leeds]].",
        "Kundin [[PERSON:Agnieszka Kowalczyk]] ist von [[LOCATION:Hamburg]] nach [[LOCATION:Kraków]] gezogen.",
        "Hallo [[PERSON:Renate]], danke für die schnelle Hilfe!",
        "Das Update auf Version 4.2 hat das Problem behoben.",
        "Bitte senden Sie die Unterlagen an [[ADDRESS:Lindenweg 3a, 50667 Köln]].",
        "Rückruf an [[PERSON:Lukas de Vries]] unter [[PHONE:030 1234567]].",
        "Der Dark Mode funktioniert seit Montag nicht.",
        "[[TITLE:Frau]] [[PERSON:Esposito]] aus [[LOCATION:Turin]] fragt nach ihrer Erstattung.",
    };

    /** More hand-written German tickets, notes and chats (written for evaluation only). */
    static final String[] WRITTEN_DE_MORE = {
        "Hallo, hier ist [[PERSON:Svenja]] nochmal - der Router geht immer noch nicht.",
        "Erstattung freigegeben von [[PERSON:Heiko Brückner]].",
        "Der Dunkelmodus ist seit dem letzten Update kaputt.",
        "Die Firmware-Version 2.3 behebt den Fehler.",
        "Bestellsumme: 49,90 EUR inkl. Versand.",
        "Wir haben [[PERSON:Dr. Gesine Hinrichs]] auf der Messe in [[LOCATION:Nürnberg]] getroffen.",
        "[[PERSON:Kerem]] sagt, das Paket hängt in [[LOCATION:Basel]] fest.",
        "Vertrag bitte an [[PERSON:Ulrike Teichmann]], [[ADDRESS:Goethestraße 14, 99084 Erfurt]].",
        "Hallo Support, ich bin [[PERSON:Aylin Kaya]] und komme nicht in mein Konto.",
        "Kunde wohnt in [[LOCATION:Graz]], [[LOCATION:Österreich]].",
        "[[PERSON:Malte]] von der [[ORGANIZATION:Sparkasse Oberland]] hat die Überweisung bestätigt.",
        "Bitte die Rechnungsadresse auf [[ADDRESS:Am Mühlbach 3, 34117 Kassel]] ändern.",
        "Das Jahresabo hat sich nicht verlängert.",
        "Unsere Thermomix-Bestellung kam ohne Deckel an.",
        "[[PERSON:Friederike Lüders]] ([[EMAIL:f.lueders@example.de]]) will ihre Daten gelöscht haben.",
        "Bitte [[PERSON:Torben]] unter [[PHONE:0171 2345678]] wegen des Wasserschadens anrufen.",
        "Habe mit der Tochter von [[TITLE:Herrn]] [[PERSON:Oberhuber]] gesprochen, er ist [[AGE:84]] und hört schlecht.",
        "Neue Mieterin in der [[ADDRESS:Rosenstraße 7]] ist [[PERSON:Dragana Jovanović]].",
        "Die FRITZ!Box ist wieder lieferbar.",
        "Rechnung 2024-0815 wurde vollständig bezahlt.",
        "Erreichbar unter [[PHONE:+49 89 1234567]], ich bin diese Woche in [[LOCATION:Mainz]].",
        "[[PERSON:Katarzyna Nowak]] hat früher bei [[ORGANIZATION:Bergmann Logistik GmbH]] gearbeitet.",
        "Ich bin [[AGE:27]] und neu in [[LOCATION:Potsdam]].",
        "Danke, [[PERSON:Merle]]",
        "Apple Pay und PayPal sind beim Bezahlen beide fehlgeschlagen.",
        "Karte in [[LOCATION:Innsbruck]] verloren, bitte sperren.",
        "[[PERSON:Volker Strobel]] übernimmt das Ticket von [[PERSON:Birte]].",
        "Lieferung an [[ADDRESS:Lindenallee 22, 28195 Bremen]], bitte zweimal klingeln.",
        "Unsere Kinder gehen auf das [[ORGANIZATION:Gymnasium am Schlossberg]] in [[LOCATION:Heidelberg]].",
        "Laut Statusseite ist die Region Europa-West gestört.",
        "Die Kundin ist [[NATIONALITY:türkische]] Staatsbürgerin und wohnt seit [[DATE_TIME:März 2018]] in [[LOCATION:Dresden]].",
        "Er ist [[RELIGION:katholisch]] und möchte an Feiertagen nicht angerufen werden.",
        "[[TITLE:Herr]] [[PERSON:Feldmann]] ist Mitglied der [[POLITICAL_GROUP:CDU]].",
        "Meine PLZ ist [[ZIP_CODE:80336]], die Straße wird nicht erkannt.",
        "Mein Benutzername lautet [[USERNAME:hauke_h]].",
        "Der Termin ist am [[DATE_TIME:14.03.2025]] um [[DATE_TIME:15:30 Uhr]].",
        "Infos auf [[DOMAIN_NAME:stoeckl-moebel.at]], dort steht alles.",
        "Die deutsche Tastatur fehlt im Menü.",
        "Die Version 3.1 kostet 19 Euro.",
    };

    static final String[] FIRST_DE = {
        "Jörg",
        "Annegret",
        "Malte",
        "Svenja",
        "Heiko",
        "Friederike",
        "Ole",
        "Gesine",
        "Torben",
        "Ilse",
        "Kerem",
        "Aylin",
        "Mehmet",
        "Dragana",
        "Milan",
        "Lieselotte",
        "Hauke",
        "Birte",
        "Volker",
        "Sieglinde",
        "Jannik",
        "Merle",
        "Emre",
        "Katarzyna",
        "Fritz",
        "Henrike",
        "Detlef",
        "Ulrike",
        "Bashir",
        "Anneliese"
    };
    static final String[] LAST_DE = {
        "Wiesenthal", "Großkopf", "Oberhuber", "Schimanski", "Kaya", "Yılmaz", "Brückner", "Pfeiffer", "Hinrichs",
        "Lüders", "Kowalski", "Jovanović", "Teichmann", "Eberle", "Strobel", "Mayrhofer", "Feldmann", "Stöckl",
        "Rautenberg", "Nowak", "Harms", "Weißgerber", "von Aschenbach", "Dittrich", "Gruber", "Özdemir"
    };
    static final String[] STREET_DE = {
        "Birkenweg", "Am Mühlbach", "Goethestraße", "Hauptstr.", "Lindenallee", "Bahnhofstraße", "Ringstraße",
        "Kirchgasse", "Marktplatz", "Uhlandstraße", "Rosenstraße", "Sonnenhang", "Alte Landstraße", "Industriestraße"
    };
    static final String[] TOWN_DE = {
        "Bielefeld",
        "Würzburg",
        "Rostock",
        "Kassel",
        "Graz",
        "Linz",
        "Bern",
        "Freiburg",
        "Oldenburg",
        "Erfurt",
        "Passau",
        "Lübeck"
    };
    static final String[] CITY_DE = {
        "Dresden",
        "Nürnberg",
        "Salzburg",
        "Basel",
        "Mainz",
        "Potsdam",
        "Innsbruck",
        "Heidelberg",
        "Bremen",
        "Düsseldorf",
        "Wien",
        "Stuttgart"
    };
    static final String[] COUNTRY_DE = {
        "Österreich",
        "Frankreich",
        "Polen",
        "Italien",
        "Spanien",
        "Kroatien",
        "Dänemark",
        "Schweden",
        "Kanada",
        "Portugal"
    };
    static final String[] ORG_DE = {
        "Stadtwerke Bielefeld",
        "TSV Eintracht Hohenfels",
        "Klinikum Nordstadt",
        "Sparkasse Oberland",
        "Müller & Partner Steuerberatung",
        "Bergmann Logistik GmbH",
        "Volkshochschule Kassel",
        "Freiwillige Feuerwehr Lindau"
    };
    static final String[] PRODUCT_DE = {
        "Thermomix TM6",
        "Galaxy S23",
        "Premium-Abo",
        "Familienpaket",
        "Kaffeevollautomat Barista Pro",
        "Jahresabo",
        "Smart-Home-Set",
        "Staubsaugerroboter X5"
    };
    static final String[] PHONE_DE = {
        "0171 2345678", "030 98765432", "+49 89 1234567", "+43 1 5123456", "0176 98765432", "040 / 41 23 45"
    };

    /** German templates written for evaluation only (training has its own, see NerTrainingCorpus). */
    static final String[] TEMPLATES_DE = {
        "Könnten Sie bitte {P} zurückrufen? Es ist dringend.",
        "Guten Morgen {PT}, Ihr Termin ist bestätigt.",
        "Wir haben Ihre neue Anschrift gespeichert: {A}.",
        "Der Bote hat den Karton in der {S} abgegeben, das ist beim Nachbarn.",
        "Seit ich in {C} wohne, kommen Ihre Briefe nicht mehr an.",
        "{P} braucht die Rechnung bis Freitag an {A}.",
        "Das {X} wurde gestern für {P} freigeschaltet.",
        "Ist das {X} auch in {K} erhältlich?",
        "Bitte rufen Sie {P} unter {T} nach Feierabend an.",
        "Tel.: {T} (nach {PF} fragen)",
        "Sie erreichen mich jederzeit unter {T}.",
        "Mein Partner {P} und ich wohnen in der {S}.",
        "Arbeitgeber: {O}, {C}.",
        "{P} arbeitet bei der Firma {O} und wohnt in {C}.",
        "Das Upgrade auf {X} ist für Konto {N} fehlgeschlagen.",
        "Bestellung {N} über {N} Euro, die Kundin fragt nach dem {X}.",
        "Viele Grüße, {P} ({O})",
        "Nochmals danke, {PF}!",
        "{PT} möchte, dass wir die Daten löschen; die Familie lebt jetzt in {K}.",
        "Ich bin {AGEJ} alt, meine E-Mail ist {E}.",
        "Bitte die Post für {P} an {ST} weiterleiten.",
        "Der Monteur kommt nächste Woche in die {S}.",
        "Lieferungen für {O} gehen an {ST}.",
        "{PT} aus {C} beschwert sich über das {X}.",
        "Die Kundin {P} hat ihren Vertrag bei {O} gekündigt.",
        "Wir haben mit {PT} telefoniert, alles geklärt.",
        "Mit besten Grüßen aus {C}\n{P}",
        "Wo bleibt mein {X}? Ich warte seit zwei Wochen.",
    };

    private final Random random;

    NerEvaluationCorpus(long seed) {
        this.random = new Random(seed);
    }

    List<NerSentence> sentences(int generated) {
        List<NerSentence> out = new ArrayList<>();
        for (String w : WRITTEN) {
            out.add(written(w));
        }
        Map<String, Function<String, NerSentence.Fill>> fills = fills();
        for (int k = 0; k < generated; k++) {
            NerSentence s = NerSentence.fill(TEMPLATES[random.nextInt(TEMPLATES.length)], fills);
            if (random.nextInt(12) == 0) {
                s = s.withText(s.text().toLowerCase(Locale.ROOT));
            }
            out.add(s);
        }
        return out;
    }

    /** The German set: the hand-written sentences and {@code generated} sentences from the German templates. */
    List<NerSentence> german(int generated) {
        List<NerSentence> out = new ArrayList<>();
        for (String w : WRITTEN_DE) {
            out.add(written(w));
        }
        for (String w : WRITTEN_DE_MORE) {
            out.add(written(w));
        }
        Map<String, Function<String, NerSentence.Fill>> m = new HashMap<>();
        m.put("P", k -> new NerSentence.Fill(pick(FIRST_DE) + " " + pick(LAST_DE), "PERSON"));
        m.put("PF", k -> new NerSentence.Fill(pick(FIRST_DE), "PERSON"));
        m.put("PL", k -> new NerSentence.Fill(pick(LAST_DE), "PERSON"));
        m.put(
                "PT",
                k -> new NerSentence.Fill(
                        pick(new String[] {"Frau ", "Herr ", "Frau Dr. ", "Herrn "}) + "\t" + pick(LAST_DE), "PERSON"));
        m.put("A", k -> new NerSentence.Fill(addressDe(), "ADDRESS"));
        m.put("S", k -> new NerSentence.Fill(pick(STREET_DE) + " " + (1 + random.nextInt(120)), "ADDRESS"));
        m.put("ST", k -> new NerSentence.Fill(addressDe(), "ADDRESS"));
        m.put("C", k -> new NerSentence.Fill(pick(CITY_DE), "LOCATION"));
        m.put("K", k -> new NerSentence.Fill(pick(COUNTRY_DE), "LOCATION"));
        m.put("O", k -> new NerSentence.Fill(pick(ORG_DE), "ORGANIZATION"));
        m.put("X", k -> new NerSentence.Fill(pick(PRODUCT_DE), null));
        m.put("T", k -> new NerSentence.Fill(pick(PHONE_DE), "PHONE"));
        m.put("E", k -> new NerSentence.Fill(pick(FIRST_DE).toLowerCase(Locale.ROOT) + "@example.org", "EMAIL"));
        m.put("AGEJ", k -> new NerSentence.Fill((18 + random.nextInt(70)) + " Jahre", "AGE"));
        m.put("N", k -> new NerSentence.Fill(String.valueOf(1 + random.nextInt(9000)), null));
        for (int k = 0; k < generated; k++) {
            NerSentence s = NerSentence.fill(TEMPLATES_DE[random.nextInt(TEMPLATES_DE.length)], m);
            if (random.nextInt(12) == 0) {
                String lower = s.text().toLowerCase(Locale.ROOT);
                if (lower.length() == s.text().length()) {
                    s = s.withText(lower);
                }
            }
            out.add(s);
        }
        return out;
    }

    private String addressDe() {
        String street = pick(STREET_DE) + " " + (1 + random.nextInt(120)) + (random.nextInt(6) == 0 ? "a" : "");
        String town = pick(TOWN_DE);
        boolean fourDigits = town.equals("Graz") || town.equals("Linz") || town.equals("Bern");
        String code = fourDigits
                ? String.valueOf(1000 + random.nextInt(9000))
                : String.format(Locale.ROOT, "%05d", 1000 + random.nextInt(98000));
        return street + ", " + code + " " + town;
    }

    private Map<String, Function<String, NerSentence.Fill>> fills() {
        Map<String, Function<String, NerSentence.Fill>> m = new HashMap<>();
        m.put("P", k -> new NerSentence.Fill(pick(FIRST) + " " + pick(LAST), "PERSON"));
        m.put("PF", k -> new NerSentence.Fill(pick(FIRST), "PERSON"));
        m.put(
                "PT",
                k -> new NerSentence.Fill(
                        pick(new String[] {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr "}) + "\t" + pick(LAST), "PERSON"));
        m.put("A", k -> new NerSentence.Fill(address(), "ADDRESS"));
        m.put("S", k -> new NerSentence.Fill((1 + random.nextInt(180)) + " " + pick(STREET_EN), "ADDRESS"));
        m.put(
                "ST",
                k -> new NerSentence.Fill(
                        (1 + random.nextInt(180)) + " " + pick(STREET_EN) + ", " + pick(TOWN_EN), "ADDRESS"));
        m.put("C", k -> new NerSentence.Fill(pick(CITY), "LOCATION"));
        m.put("K", k -> new NerSentence.Fill(pick(COUNTRY), "LOCATION"));
        m.put("O", k -> new NerSentence.Fill(pick(ORG), "ORGANIZATION"));
        m.put("X", k -> new NerSentence.Fill(pick(PRODUCT), null));
        m.put("T", k -> new NerSentence.Fill(pick(PHONE), "PHONE"));
        m.put("E", k -> new NerSentence.Fill(pick(FIRST).toLowerCase(Locale.ROOT) + "@example.com", "EMAIL"));
        m.put("AGE", k -> new NerSentence.Fill(String.valueOf(18 + random.nextInt(70)), "AGE"));
        m.put("AGEY", k -> new NerSentence.Fill((18 + random.nextInt(70)) + " years", "AGE"));
        m.put("N", k -> new NerSentence.Fill(String.valueOf(1 + random.nextInt(9000)), null));
        m.put("TIME", k -> new NerSentence.Fill(pick(new String[] {"5pm", "6 pm", "10:30am", "7 p.m"}), "DATE_TIME"));
        return m;
    }

    private String address() {
        if (random.nextBoolean()) {
            return pick(ADDRESS_EU);
        }
        return (1 + random.nextInt(200)) + " " + pick(STREET_EN) + ", " + pick(TOWN_EN);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Parses {@code [[TYPE:text]]} markup. */
    static NerSentence written(String marked) {
        StringBuilder text = new StringBuilder();
        List<NerSentence.Gold> spans = new ArrayList<>();
        int i = 0;
        while (i < marked.length()) {
            int open = marked.indexOf("[[", i);
            if (open < 0) {
                text.append(marked, i, marked.length());
                break;
            }
            text.append(marked, i, open);
            int colon = marked.indexOf(':', open);
            int close = marked.indexOf("]]", colon);
            String type = marked.substring(open + 2, colon);
            String value = marked.substring(colon + 1, close);
            // a title inside a person's markup is not part of the name
            int title = value.startsWith("Dr. ") || value.startsWith("Mr. ") ? 4 : 0;
            if (title > 0) {
                spans.add(new NerSentence.Gold("TITLE", text.length(), text.length() + title - 1));
            }
            text.append(value, 0, title);
            int start = text.length();
            text.append(value.substring(title));
            spans.add(new NerSentence.Gold(type, start, text.length()));
            i = close + 2;
        }
        return new NerSentence(text.toString(), spans);
    }
}
