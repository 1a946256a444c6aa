package dev.lethe.classifier.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * The synthetic training corpus of the name tagger: sentence templates of support tickets, chats, notes
 * and letters filled with datafaker's names, streets, towns, countries and companies of seven locales,
 * with varied case, punctuation and position. Deterministic for a seed. The evaluation corpus
 * ({@code NerEvaluationCorpus}) uses other templates and other, hand-written name and street lists.
 */
final class NerTrainingCorpus {

    private static final String[] EN = {
        "Please call {P} back about the refund.",
        "{P} called twice today about order {N}.",
        "Hi {PF}, thanks for reaching out!",
        "Dear {PT},",
        "Dear {PT}, thank you for your letter of {D}.",
        "Spoke with {P} from {O} regarding the contract.",
        "Customer {P} says the {X} stopped working.",
        "I moved to {A} last month, please update my address.",
        "My new address is {A}.",
        "Ship it to {A} please",
        "Send the replacement to {S}, not to my old place.",
        "The parcel was delivered to {S} instead of {A}.",
        "Billing address: {A}",
        "Address: {A}. Phone: {T}",
        "I live in {C} and work for {O}.",
        "She is based in {C}, {K}.",
        "We are relocating from {C} to {C}.",
        "{P} ({E}) asked to delete her account.",
        "Ticket assigned to {PF} - customer is {P}.",
        "Forwarding to {PF}: {P} wants a callback at {T}.",
        "Can {PF} check why the {X} is out of stock?",
        "Regards, {P}",
        "Best regards,\n{P}\n{O}",
        "Thanks, {PF}",
        "Cheers {PF}",
        "My name is {P} and I was born in {C}.",
        "This is {P} from {C}, I ordered a {X} on {D}.",
        "The {X} I bought in {C} arrived broken.",
        "Our office at {A} is closed on Mondays.",
        "Please contact {PT} at {E} or {T}.",
        "{PT} will visit the {C} branch next week.",
        "Invoice {N} for {O}, {A}.",
        "{O} has asked us to remove {P} from the mailing list.",
        "The {X} costs {N} euros, ordered by {P}.",
        "{P} and {P} both reported the outage in {C}.",
        "Patient {P}, resident at {A}, was seen on {D}.",
        "Per {PF}'s note, the customer moved to {C}.",
        "Reminder: {P} is travelling to {K} on {D}.",
        "We shipped {N} units of {X} to {O} in {C}.",
        "Hello, I am {P}, my order {N} has not arrived at {S}.",
        "The {X} and the {X} are both on sale until {D}.",
        "Update the delivery address for {P} to {A}",
        "I work at {O} as a nurse in {R}.",
        "Lives at {S} in {C}, {R}.",
        "{P} - {A} - {T}",
        "Name: {P}, City: {C}, Country: {K}",
        "From: {P} <{E}>",
        "Our {X} is made in {K} and sold by {O}.",
        "Meet {PF} at the {C} office tomorrow.",
        "Mr {PL} and Ms {PL} were copied on the email.",
        "Can you ask {PF} to reset the password for {P}?",
        "The account of {P} was opened at our {C} branch.",
        "Returned by {P}, {A}.",
        "Emergency contact: {P}, {T}.",
        "I'm {PF}, from {C} originally, now living in {C}.",
        "{P} is a member of {O}.",
        "Sign-in problems reported by {PF} {PL} since {D}.",
        "The {X} was recommended by {P}.",
        "Visit us at {A} or call {T}.",
        "Please don't send anything to {S} anymore.",
        "Her father, {P}, lives near {C}.",
        "{P} was transferred from {O} to {O}.",
        "Status: open. Owner: {PF}. Reporter: {P}.",
        "I've been with {O} for years.",
        "{P} sits on the board of {O}.",
        "She volunteers at {O} on weekends.",
        "Workplace - {O} ({C})",
        "Much appreciated, {PF}!",
        "Nobody has answered in days, {PF}. What is going on?",
        "The trade fair in {C} was cancelled.",
        "Our {X} subscription renews on {D}.",
        "Weekly report for {K}: {N} tickets, {N} resolved.",
        "{PF} here, the {X} still shows an error.",
        "hey {PF}, any news on my refund?",
        "I talked to {P} yesterday and she promised a refund.",
        "Handing this over to {P}, who knows the account.",
        "Assignee: {P}",
        "CC: {P}, {P}",
        "{P} wrote: the {X} is back in stock.",
        "According to {PF}, the package left {C} on {D}.",
        "The caller gave her name as {P}.",
        "Please let {PT} know that the parcel has arrived.",
        "Appointment with {PT} on {D} at our {C} clinic.",
        "{PT} has cancelled the subscription.",
        "Hello {PT}, we received your complaint.",
        "Signed, {P}",
        "Yours sincerely, {P}",
        "Sent on behalf of {P}.",
        "Ring {PF} on {T} if the door is locked.",
        "Text {PF} when you get to {S}.",
        "My husband {P} will pick it up.",
        "My daughter {PF} lives in {C} now.",
        "Our neighbour {P} signed for the parcel.",
        "I'm writing for my mother, {P}, who is in hospital.",
        "{PF} and I visited {C} in the summer.",
        "{PF}'s account was locked after three attempts.",
        "Is {PF} still handling the {X} returns?",
        "{PF}, could you have a look at this one?",
        "Thank you {PF} for your quick help!",
        "Moved from {C} to {A} in {D}.",
        "Correspondence address: {A}.",
        "Old address {S}, new address {A}.",
        "Deliver to the back door of {S}.",
        "Our warehouse at {A} accepts returns.",
        "The technician found the fault at {S}.",
        "She grew up in {C} and studied at {O}.",
        "He commutes from {C} to {C} every day.",
        "We have customers in {K}, {K} and {K}.",
        "Flights to {C} were cancelled because of the strike.",
        "The {X} is not sold in {K} yet.",
        "The hotel in {C} charged me twice.",
        "I am a teacher at {O}.",
        "Contract signed with {O} last week.",
        "{O} sponsors the {C} marathon.",
        "Our supplier {O} raised prices again.",
        "She was treated at {O} in {C}.",
        "Reference from {P}, head of HR at {O}.",
        "{P}, {O}, {C}",
        "{P} <{E}> wrote on {D}:",
        "Caller: {P}. Callback number: {T}.",
        "Name on the card: {P}",
        "Account holder {P}, {A}",
        "The {X} belongs to {P}, not to me.",
        "{P} reviewed the {X}: five stars.",
        "I bought the {X} for {PF} as a gift.",
        "Both {PF} and {PF} need access to the {X}.",
        "{P} ({C}) reported the same bug.",
        "Greetings from {C}!",
    };

    /** English sentences without any capitals, as chat and mobile users write them; labels as usual. */
    private static final String[] LOWER = {
        "pls call {P} back",
        "this is {PF}, my {X} is broken",
        "i live at {A}",
        "send it to {S}",
        "talked to {PF} yesterday",
        "im in {C} till friday",
        "thanks {PF}",
        "my name is {P}",
        "ask {PF} about the refund",
        "{PF} said it would ship today",
        "moved to {C} last year",
        "i work for {O}",
    };

    /** Sentences without people or places: capitalised words, product talk, sentence starts. */
    private static final String[] FILLER = {
        "Still waiting for a reply about the {X}.",
        "Refund requested for order {N}.",
        "Status: pending. Priority: high.",
        "We need to {H} before the release.",
        "It looks like someone tried to {H} again.",
        "Could you {H}? The {X} keeps crashing.",
        "Lost the receipt, sorry.",
        "Please {H} and let me know.",
        "The {X} is great but the app is slow.",
        "{B}.",
        "Our team will {H} by {D}.",
        "Can't log in since the update, tried twice.",
        "Any update on this? It's been a week.",
        "Deliveries are delayed because of the weather.",
        "Version {N} fixes the login bug.",
        "Total: {N} EUR incl. shipping.",
        "I have the {X} and the {X}, both broken.",
        "Monday and Tuesday are fully booked.",
        "Thanks for your patience!",
        "Happy to help with anything else.",
        "Why does the {X} cost {N} now?",
        "Dark Mode, Offline Sync and Auto Backup are Premium features.",
        "Settings > Account > Privacy shows the option.",
        "Error {N}: could not {H}.",
        "Hi, my {X} stopped working yesterday.",
        "Let me check with the team and get back to you.",
        "Quick question about my invoice.",
        "Closing this ticket as resolved.",
        "You can {H} from the dashboard.",
        "The customer wants to {H}.",
        "New feature request: {B}.",
        "Urgent - {X} out of stock!",
        "The {X} works with Windows, Linux and Android.",
        "Payment went through, nothing else to do.",
        "Available again from next month.",
        "Accepted: Visa, Mastercard, PayPal.",
        "Region North America is operational again.",
        "{W} {N} shipped.",
        "{W}: {N}",
        "{W} {W} {N} ok.",
        "My {W} is {N}.",
        "{W} {N}, {W} {N}.",
        "Please check the {W} {N} again.",
        "{W} - see {W} for details.",
    };

    private static final String[] DE = {
        "Bitte rufen Sie {P} zurück.",
        "Sehr geehrte Frau {PL},",
        "Sehr geehrter Herr {PL}, vielen Dank für Ihre Nachricht.",
        "Meine neue Adresse lautet {A}.",
        "Ich bin nach {C} umgezogen und wohne jetzt in der {S}.",
        "Lieferadresse: {A}",
        "Kunde {P} meldet, dass das {X} defekt ist.",
        "{P} arbeitet bei {O} in {C}.",
        "Mit freundlichen Grüßen\n{P}",
        "Hallo {PF}, danke für die schnelle Antwort!",
        "Die Rechnung {N} geht an {O}, {A}.",
        "Herr {PL} aus {C} hat angerufen.",
        "Frau {P} wohnt seit {D} in {C}.",
        "Bitte schicken Sie das Paket an {S}.",
        "Guten Tag {PT}, wir haben Ihre Kündigung erhalten.",
        "Liebe {PF}, vielen Dank für deine Nachricht!",
        "Lieber {PF}, kannst du mich zurückrufen?",
        "Hallo zusammen, {P} übernimmt ab Montag das Ticket.",
        "Ich habe gestern mit {P} telefoniert.",
        "{P} hat sich über das {X} beschwert.",
        "Rückfragen bitte an {P}, Tel. {T}.",
        "Viele Grüße\n{PF}",
        "Beste Grüße, {P}",
        "Im Auftrag von {P}",
        "Ansprechpartner: {P}, {O}",
        "Meine Anschrift hat sich geändert: {A}.",
        "Die Ware bitte an {A} liefern.",
        "Rechnungsadresse: {A}",
        "Wir sind von {C} nach {C} gezogen.",
        "Ich wohne in {C}, arbeite aber in {C}.",
        "Meine Tochter studiert in {C}.",
        "Das Paket liegt noch in {C} im Verteilzentrum.",
        "Die Lieferung nach {K} dauert länger.",
        "{P} ist Mitglied im {O}.",
        "Ich arbeite seit {D} bei {O}.",
        "Mein Arbeitgeber ist {O} in {C}.",
        "Herr {PL} möchte seine Daten löschen lassen.",
        "Frau {PL} bittet um Rückruf unter {T}.",
        "{PT} hat den Vertrag unterschrieben.",
        "Der Techniker kommt am Dienstag in die {S}.",
        "Bitte die Rechnung an {O}, {A} schicken.",
        "Kundin {P} aus {C} fragt nach dem Stand.",
        "Unser Kollege {PF} ist ab Montag im Urlaub.",
        "Das {X} ist seit gestern defekt, meldet {P}.",
        "Wohnhaft in {A}.",
    };

    /** German sentences without people or places. */
    private static final String[] FILLER_DE = {
        "Die Bestellung {N} wurde storniert.",
        "Das {X} lässt sich nicht mehr einschalten.",
        "Der Versand dauert leider länger als geplant.",
        "Bitte prüfen Sie die Rechnung {N} noch einmal.",
        "Der Premium-Tarif kostet {N} Euro im Monat.",
        "Seit dem Update auf Version {N} stürzt die App ab.",
        "Vielen Dank für Ihre Geduld!",
        "Wir melden uns so schnell wie möglich.",
        "Die Erstattung wurde am {D} veranlasst.",
        "Ticket geschlossen, Problem gelöst.",
        "Das Kundenkonto ist gesperrt.",
        "Zahlung per PayPal oder Kreditkarte möglich.",
        "Montag und Dienstag sind ausgebucht.",
        "Die Lieferung kam beschädigt an.",
        "{W} {N} wurde geändert.",
    };

    private static final String[][] LOCALES = {
        {"en", "EN"},
        {"en-GB", "EN"},
        {"en-US", "EN"},
        {"de", "DE"},
        {"fr", "EN"},
        {"es", "EN"},
        {"it", "EN"},
        {"nl", "EN"},
        {"pl", "EN"},
        {"de", "EN"}
    };
    private static final String[] TITLES_EN = {"Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Prof. ", "Miss "
    };
    private static final String[] TITLES_DE = {"Herr ", "Frau ", "Dr. ", "Herrn "};

    private final Random random;
    private final Map<String, Faker> fakers = new HashMap<>();
    private final List<Faker> nameFakers = new ArrayList<>();

    NerTrainingCorpus(long seed) {
        this.random = new Random(seed);
        for (String[] l : LOCALES) {
            fakers.computeIfAbsent(
                    l[0], tag -> new Faker(Locale.forLanguageTag(tag), new Random(seed ^ tag.hashCode())));
        }
        for (String tag : NerTraining.NAME_LOCALES) {
            nameFakers.add(new Faker(Locale.forLanguageTag(tag), new Random(seed * 31 + tag.hashCode())));
        }
    }

    List<NerSentence> sentences(int count) {
        List<NerSentence> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            NerSentence s = random.nextInt(4) == 0 ? filler() : sentence();
            int r = random.nextInt(10);
            if (r == 0) {
                s = s.then(sentence());
            } else if (r < 3) {
                s = s.then(filler());
            } else if (r < 5) {
                s = filler().then(s);
            }
            out.add(vary(s));
        }
        return out;
    }

    private NerSentence filler() {
        Faker faker = fakers.get("en");
        String[] templates = random.nextInt(5) == 0 ? FILLER_DE : FILLER;
        return NerSentence.fill(templates[random.nextInt(templates.length)], fills(faker, "en", false));
    }

    private NerSentence sentence() {
        String[] locale = LOCALES[random.nextInt(LOCALES.length)];
        Faker faker = fakers.get(locale[0]);
        boolean german = locale[1].equals("DE");
        if (!german && random.nextInt(12) == 0) {
            String template = LOWER[random.nextInt(LOWER.length)];
            NerSentence s = NerSentence.fill(template, fills(faker, locale[0], false));
            String lower = s.text().toLowerCase(Locale.ROOT);
            return lower.length() == s.text().length() ? s.withText(lower) : s;
        }
        String[] templates = german ? DE : EN;
        String template = templates[random.nextInt(templates.length)];
        return NerSentence.fill(template, fills(faker, locale[0], german));
    }

    /** Names in English and German text come from everywhere: two in five from the wider locale list. */
    private Faker names(Faker local) {
        if (random.nextInt(5) >= 2) {
            return local;
        }
        return nameFakers.get(random.nextInt(nameFakers.size()));
    }

    private Map<String, Function<String, NerSentence.Fill>> fills(Faker f, String locale, boolean german) {
        Map<String, Function<String, NerSentence.Fill>> m = new HashMap<>();
        m.put("P", k -> person(names(f)));
        m.put("PF", k -> new NerSentence.Fill(names(f).name().firstName(), "PERSON"));
        m.put("PL", k -> new NerSentence.Fill(names(f).name().lastName(), "PERSON"));
        m.put("PT", k -> {
            String[] titles = german ? TITLES_DE : TITLES_EN;
            Faker n = names(f);
            String name = random.nextInt(3) == 0 ? person(n).text() : n.name().lastName();
            return new NerSentence.Fill(titles[random.nextInt(titles.length)] + "\t" + name, "PERSON");
        });
        m.put("A", k -> new NerSentence.Fill(address(f, locale, true), "ADDRESS"));
        m.put("S", k -> new NerSentence.Fill(address(f, locale, false), "ADDRESS"));
        m.put("C", k -> new NerSentence.Fill(city(f), "LOCATION"));
        m.put("K", k -> new NerSentence.Fill(f.address().country(), "LOCATION"));
        m.put("R", k -> new NerSentence.Fill(f.address().state(), "LOCATION"));
        m.put("O", k -> new NerSentence.Fill(organization(f), "ORGANIZATION"));
        m.put("X", k -> new NerSentence.Fill(product(f), null));
        m.put(
                "N",
                k -> new NerSentence.Fill(
                        String.valueOf(random.nextInt(random.nextBoolean() ? 100 : 1_000_000)), null));
        m.put("D", k -> new NerSentence.Fill(date(), null));
        m.put("T", k -> new NerSentence.Fill(f.phoneNumber().phoneNumber(), null));
        m.put("E", k -> new NerSentence.Fill(f.internet().emailAddress(), null));
        Faker en = fakers.get("en");
        m.put("W", k -> new NerSentence.Fill(vocabularyWord(), null));
        m.put(
                "H",
                k -> new NerSentence.Fill(
                        en.hacker().verb() + " the " + en.hacker().adjective() + " "
                                + en.hacker().noun(),
                        null));
        m.put(
                "B",
                k -> new NerSentence.Fill(
                        random.nextBoolean()
                                ? en.company().catchPhrase()
                                : en.company().bs(),
                        null));
        return m;
    }

    private NerSentence.Fill person(Faker f) {
        int form = random.nextInt(10);
        String first = f.name().firstName();
        String last = f.name().lastName();
        String text = switch (form) {
            case 0 -> first + " " + f.name().firstName() + " " + last;
            case 1 -> first.charAt(0) + ". " + last;
            case 2 -> last;
            default -> first + " " + last;
        };
        return new NerSentence.Fill(text, "PERSON");
    }

    private String address(Faker f, String locale, boolean withTown) {
        String street = locale.startsWith("en")
                ? f.address().buildingNumber() + " " + f.address().streetName()
                : f.address().streetAddress();
        if (!withTown || random.nextInt(4) == 0) {
            return street;
        }
        String sep = random.nextInt(5) == 0 ? " " : ", ";
        return switch (locale) {
            case "en", "en-US" ->
                street + sep + f.address().city() + ", " + f.address().stateAbbr() + " "
                        + f.address().zipCode();
            case "en-GB" ->
                street + sep + f.address().city() + " " + f.address().zipCode();
            default -> street + sep + f.address().zipCode() + " " + f.address().city();
        };
    }

    /** The classifier's own context and field words, capitalised as labels and sentence starts have them. */
    private static final String[] VOCABULARY = vocabulary();

    private static String[] vocabulary() {
        java.util.TreeSet<String> words = new java.util.TreeSet<>(ContextWords.words());
        words.addAll(FieldVocabulary.TYPES.keySet());
        words.addAll(FieldVocabulary.NEGATIVE);
        return words.stream().filter(w -> w.length() > 1).toArray(String[]::new);
    }

    private String vocabularyWord() {
        String w = VOCABULARY[random.nextInt(VOCABULARY.length)];
        return switch (random.nextInt(3)) {
            case 0 -> w;
            case 1 -> w.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
        };
    }

    private String city(Faker f) {
        return switch (random.nextInt(4)) {
            case 0 -> f.country().capital();
            case 1 -> f.nation().capitalCity();
            default -> f.address().city();
        };
    }

    private static final String[] ORG_WORDS = {
        "Traders",
        "Logistics",
        "Insurance",
        "Bank",
        "Software",
        "Consulting",
        "Partners",
        "Group",
        "Holdings",
        "Foods",
        "Motors",
        "Energy",
        "Pharma",
        "Media",
        "Studios",
        "Labs",
        "Analytics",
        "Capital",
        "Systems"
    };
    private static final String[] ORG_FORMS = {"GmbH", "Ltd", "Inc.", "LLP", "AG", "& Sons", "LLC", "S.A.", "B.V."};
    private static final String[] INSTITUTIONS = {
        "Tennis Club",
        "Football Club",
        "Hospital",
        "High School",
        "Primary School",
        "Library",
        "Rowing Club",
        "Medical Centre",
        "Chamber of Commerce",
        "Choir",
        "Academy"
    };

    /** Invented one-word brand names ("Oakridge", "Silverline"): how many small firms are called. */
    private static final String[] BRAND_HEADS = {
        "oak", "silver", "stone", "west", "east", "sun", "red", "iron", "clear", "pine", "maple", "gold", "fair",
        "high", "star", "swift", "cedar", "lake", "hazel", "summit", "copper", "falcon", "ash", "elm"
    };

    private static final String[] BRAND_TAILS = {
        "ridge", "line", "gate", "bridge", "brook", "wood", "vale", "haven", "light", "point", "crest", "field", "mark",
        "way", "stone", "well", "ford", "land", "view", "bay"
    };

    /** German institutions and firms (other kinds than those of the evaluation lists). */
    private static final String[] DE_INSTITUTIONS = {
        "Volksbank", "Kreissparkasse", "Universität", "Hochschule", "Gesamtschule", "Grundschule", "Turnverein",
        "Sportverein", "Krankenhaus", "Landratsamt", "Musikschule", "Kita", "Pflegedienst", "Tierklinik"
    };

    private static final String[] DE_FORMS = {"GmbH", "AG", "KG", "GmbH & Co. KG", "e.V.", "OHG", "UG"};

    private String brand() {
        String head = BRAND_HEADS[random.nextInt(BRAND_HEADS.length)];
        String tail = BRAND_TAILS[random.nextInt(BRAND_TAILS.length)];
        return Character.toUpperCase(head.charAt(0)) + head.substring(1) + tail;
    }

    private String organization(Faker f) {
        int r = random.nextInt(10);
        if (r == 7) {
            return brand() + " " + ORG_WORDS[random.nextInt(ORG_WORDS.length)]
                    + (random.nextBoolean() ? " " + ORG_FORMS[random.nextInt(ORG_FORMS.length)] : "");
        } else if (r == 8) {
            return random.nextBoolean()
                    ? DE_INSTITUTIONS[random.nextInt(DE_INSTITUTIONS.length)] + " " + city(f)
                    : f.name().lastName() + " " + DE_FORMS[random.nextInt(DE_FORMS.length)];
        } else if (r == 9) {
            String[] saints = {"St. ", "Saint ", "St ", "Sankt ", "San ", "Santa "};
            return saints[random.nextInt(saints.length)]
                    + names(f).name().firstName()
                    + (random.nextBoolean() ? "'s " : " ")
                    + INSTITUTIONS[random.nextInt(INSTITUTIONS.length)];
        }
        return switch (r) {
            case 0 -> f.university().name();
            case 1 -> "University of " + city(f);
            case 2 -> city(f) + " " + INSTITUTIONS[random.nextInt(INSTITUTIONS.length)];
            case 3 ->
                f.name().lastName() + " " + ORG_WORDS[random.nextInt(ORG_WORDS.length)]
                        + (random.nextBoolean() ? " " + ORG_FORMS[random.nextInt(ORG_FORMS.length)] : "");
            case 4 -> f.name().lastName() + " & " + f.name().lastName() + (random.nextBoolean() ? " LLP" : "");
            default -> f.company().name();
        };
    }

    /** Capitalised words that are not people or places: the tagger must learn to leave them alone. */
    private static final String[] MODELS = {
        "Pro", "Max", "Plus", "Ultra", "Mini", "Air", "X5", "S9", "3000", "II", "Lite", "Go", "One", "5G", "2024"
    };

    private String product(Faker f) {
        if (random.nextInt(6) == 0) {
            // brand plus model: "Oakridge Blender Pro", "Swiftline X5"
            return brand()
                    + (random.nextBoolean() ? " " + f.commerce().productName().split(" ")[0] : "") + " "
                    + MODELS[random.nextInt(MODELS.length)];
        }
        return switch (random.nextInt(5)) {
            case 0 -> f.app().name();
            case 1 -> f.commerce().department();
            case 2 -> f.commerce().productName().toLowerCase(Locale.ROOT);
            default -> f.commerce().productName();
        };
    }

    private String date() {
        return switch (random.nextInt(3)) {
            case 0 -> (1 + random.nextInt(28)) + "." + (1 + random.nextInt(12)) + "." + (2015 + random.nextInt(10));
            case 1 ->
                java.time.LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28))
                        .toString();
            default -> "Monday";
        };
    }

    /** Lower or upper case, no final punctuation, a prefix: what real tickets do to sentences. */
    private NerSentence vary(NerSentence s) {
        int r = random.nextInt(20);
        String changed =
                r == 0 ? s.text().toLowerCase(Locale.ROOT) : r == 1 ? s.text().toUpperCase(Locale.ROOT) : null;
        if (changed != null && changed.length() == s.text().length()) {
            s = s.withText(changed); // same length only: "ß" becomes "SS" and would move the spans
        }
        int p = random.nextInt(12);
        if (p == 0) {
            s = s.prefixed("Re: ");
        } else if (p == 1) {
            s = s.prefixed("Note - ");
        } else if (p == 2) {
            s = s.prefixed("[internal] ");
        }
        return s;
    }
}
