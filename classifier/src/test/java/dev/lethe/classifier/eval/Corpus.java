package dev.lethe.classifier.eval;

import dev.lethe.classifier.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The labelled evaluation corpus, generated from a seed: for each type, sentences in English, German,
 * French, Spanish, Italian and Dutch and JSON records with the value under a telling field name among
 * unrelated fields; plus look-alike negatives. Same seed, same corpus.
 */
final class Corpus {

    /** How one type appears: its values, sentences with "{}" for the value, and field names. */
    record Spec(PiiType type, Supplier<String> value, List<String> templates, List<String> fields) {}

    private final Values values;
    private final GovernmentIdValues ids;
    private final OtherValues other;
    private final Negatives negatives;
    private final Random random;

    Corpus(long seed) {
        this.random = new Random(seed);
        this.values = new Values(random);
        this.ids = new GovernmentIdValues(values);
        this.other = new OtherValues(values);
        this.negatives = new Negatives(values, other);
    }

    List<Sample> generate(int perTypeAndMode, int negativesCount) {
        List<Sample> samples = new ArrayList<>();
        for (Spec spec : specs()) {
            for (int i = 0; i < perTypeAndMode; i++) {
                samples.add(text(spec));
                samples.add(record(spec));
            }
        }
        for (int i = 0; i < negativesCount; i++) {
            samples.add(negatives.text());
            samples.add(negatives.record());
            samples.add(paragraph());
        }
        return samples;
    }

    /** Types whose values prove themselves: found in sentences without context and under any field name. */
    private static final java.util.Set<PiiType> SELF_EVIDENT = java.util.EnumSet.of(
            PiiType.EMAIL_ADDRESS,
            PiiType.IBAN,
            PiiType.CREDIT_CARD,
            PiiType.IP_ADDRESS,
            PiiType.MAC_ADDRESS,
            PiiType.URL,
            PiiType.JWT,
            PiiType.AWS_ACCESS_KEY,
            PiiType.PRIVATE_KEY,
            PiiType.IT_FISCAL_CODE,
            PiiType.CRYPTO_WALLET,
            PiiType.UK_NINO,
            PiiType.BE_NATIONAL_NUMBER,
            PiiType.US_SSN,
            PiiType.US_ITIN);

    /**
     * Three sentences of different types with a look-alike between them, so context words of one
     * sentence sit near the value of another, as in real prose.
     */
    private Sample paragraph() {
        List<Spec> specs = specs();
        StringBuilder text = new StringBuilder();
        List<Sample.Label> labels = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Sample sentence = text(specs.get(random.nextInt(specs.size())));
            int offset = text.length();
            text.append(sentence.input()).append(". ");
            for (Sample.Label l : sentence.labels()) {
                labels.add(new Sample.Label(l.type(), null, l.start() + offset, l.end() + offset));
            }
            if (k == 1) {
                text.append(negatives.lookAlike()).append(". ");
            }
        }
        return new Sample(false, text.toString().strip(), labels);
    }

    private Sample bare(Spec spec) {
        String value = spec.value().get();
        String prefix = values.pick(List.of("", "see ", "-> ", "siehe ", "voir "));
        return new Sample(
                false,
                prefix + value + " ok",
                List.of(new Sample.Label(spec.type(), null, prefix.length(), prefix.length() + value.length())));
    }

    private Sample text(Spec spec) {
        if (spec.type() == PiiType.PHONE_NUMBER) {
            return phoneSentence();
        }
        if (SELF_EVIDENT.contains(spec.type()) && random.nextInt(3) == 0) {
            return bare(spec);
        }
        String template = values.pick(spec.templates());
        String value = spec.value().get();
        int at = template.indexOf("{}");
        String input = template.substring(0, at) + value + template.substring(at + 2);
        return new Sample(false, input, List.of(new Sample.Label(spec.type(), null, at, at + value.length())));
    }

    private Sample record(Spec spec) {
        String field = SELF_EVIDENT.contains(spec.type()) && random.nextInt(3) == 0
                ? values.pick(List.of("value", "data", "info", "x", "payload"))
                : values.pick(spec.fields());
        String value = spec.value().get();
        Records.Built built = Records.build(random, field, value);
        return new Sample(true, built.json(), List.of(new Sample.Label(spec.type(), built.path(), 0, value.length())));
    }

    List<Spec> specs() {
        return List.of(
                new Spec(
                        PiiType.EMAIL_ADDRESS,
                        () -> values.email(values.pick(Names.GIVEN), values.pick(Names.FAMILY)),
                        List.of(
                                "Contact me at {} for details.",
                                "Meine E-Mail ist {}.",
                                "Mon courriel : {}",
                                "Escríbeme a {} por favor",
                                "Scrivimi a {} grazie",
                                "Mijn e-mailadres is {}."),
                        List.of("email", "e_mail", "courriel", "correo", "emailAddress", "contact_email", "mailadres")),
                new Spec(
                        PiiType.PHONE_NUMBER,
                        this::phoneText,
                        List.of("{}"),
                        List.of("phone", "telefon", "mobile", "téléphone", "telefono", "telefoonnummer", "handy")),
                new Spec(
                        PiiType.IP_ADDRESS,
                        () -> values.between(0, 2) == 0 ? values.ipv6() : values.ipv4(),
                        List.of(
                                "Login from {} blocked",
                                "Zugriff von IP {} erkannt",
                                "Connexion depuis l'adresse {}",
                                "Acceso desde {} denegado",
                                "Accesso dall'IP {}",
                                "Inloggen vanaf {} mislukt"),
                        List.of("ip", "ip_address", "client_ip", "remoteAddr", "last_login_ip")),
                new Spec(
                        PiiType.MAC_ADDRESS,
                        values::mac,
                        List.of("device {} joined the network", "Gerät {} verbunden", "appareil {} connecté"),
                        List.of("mac", "mac_address", "macAddr")),
                new Spec(
                        PiiType.CREDIT_CARD,
                        values::card,
                        List.of(
                                "Paid with card {} yesterday",
                                "Kreditkarte {} belastet",
                                "Carte bancaire {} refusée",
                                "Tarjeta {} aceptada",
                                "Carta di credito {} scaduta",
                                "Creditcard {} geweigerd"),
                        List.of("card_number", "creditCard", "kartennummer", "numero_carte", "tarjeta", "pan")),
                new Spec(
                        PiiType.IBAN,
                        values::iban,
                        List.of(
                                "Please transfer to {} today",
                                "Bankverbindung: IBAN {}",
                                "Virement sur le compte {}",
                                "Transferencia a la cuenta {}",
                                "Bonifico sul conto {}",
                                "Overmaken naar rekening {}"),
                        List.of("iban", "bank_account", "konto", "rib", "cuenta", "rekeningnummer")),
                new Spec(
                        PiiType.US_SSN,
                        ids::ssn,
                        List.of("SSN: {}", "Her social security number is {}."),
                        List.of("ssn", "social_security_number")),
                new Spec(PiiType.US_ITIN, ids::itin, List.of("ITIN {} on file", "taxpayer ITIN: {}"), List.of("itin")),
                new Spec(
                        PiiType.UK_NINO,
                        ids::nino,
                        List.of("National Insurance number {}", "NINO: {}"),
                        List.of("nino", "ni_number")),
                new Spec(
                        PiiType.UK_NHS,
                        ids::nhs,
                        List.of("NHS number {} registered", "Patient NHS no. {}"),
                        List.of("nhs_number", "nhsNo")),
                new Spec(
                        PiiType.DE_TAX_ID,
                        ids::deTaxId,
                        List.of("Steuer-ID: {}", "Ihre Steueridentifikationsnummer lautet {}."),
                        List.of("steuer_id", "steuerIdentifikationsnummer")),
                new Spec(
                        PiiType.FR_NIR,
                        ids::frNir,
                        List.of("Numéro de sécurité sociale : {}", "NIR {}"),
                        List.of("nir", "numero_secu")),
                new Spec(
                        PiiType.ES_DNI,
                        ids::esDni,
                        List.of("DNI: {}", "Mi NIE es {}", "documento {}"),
                        List.of("dni", "nie", "nif")),
                new Spec(
                        PiiType.IT_FISCAL_CODE,
                        ids::itFiscalCode,
                        List.of("Codice fiscale: {}", "CF {}"),
                        List.of("codice_fiscale", "cf")),
                new Spec(
                        PiiType.NL_BSN,
                        ids::nlBsn,
                        List.of("BSN: {}", "Burgerservicenummer {}", "mijn BSN is {}"),
                        List.of("bsn", "burgerservicenummer")),
                new Spec(PiiType.PL_PESEL, ids::plPesel, List.of("PESEL {}", "numer PESEL: {}"), List.of("pesel")),
                new Spec(
                        PiiType.SE_PERSONNUMMER,
                        ids::sePersonnummer,
                        List.of("Personnummer: {}", "personnr {}"),
                        List.of("personnummer")),
                new Spec(PiiType.FI_HETU, ids::fiHetu, List.of("Henkilötunnus {}", "HETU: {}"), List.of("hetu")),
                new Spec(
                        PiiType.BE_NATIONAL_NUMBER,
                        ids::beNationalNumber,
                        List.of("Rijksregisternummer: {}", "Numéro de registre national {}"),
                        List.of("rijksregisternummer", "niss")),
                new Spec(
                        PiiType.EU_VAT,
                        ids::euVat,
                        List.of("USt-IdNr.: {}", "VAT number {}", "N° TVA {}", "Partita IVA {}", "BTW-nummer {}"),
                        List.of("vat_number", "ust_id", "tva", "partita_iva", "btw")),
                new Spec(
                        PiiType.PASSPORT,
                        other::passport,
                        List.of(
                                "passport number {}",
                                "Reisepass Nr. {}",
                                "passeport n° {}",
                                "pasaporte {}",
                                "passaporto {}",
                                "paspoortnummer {}"),
                        List.of("passport", "passport_number", "reisepass", "passeport", "pasaporte", "paspoort")),
                new Spec(
                        PiiType.SWIFT_BIC,
                        other::bic,
                        List.of("BIC {}", "SWIFT code: {}", "Code BIC : {}"),
                        List.of("bic", "swift")),
                new Spec(
                        PiiType.CRYPTO_WALLET,
                        other::wallet,
                        List.of("send BTC to {}", "Wallet: {}", "mi monedero {}"),
                        List.of("wallet", "btc_address")),
                new Spec(
                        PiiType.URL,
                        other::url,
                        List.of("my profile is at {}", "siehe {} für Details"),
                        List.of("website", "homepage")),
                new Spec(
                        PiiType.GEO_COORDINATES,
                        other::coordinates,
                        List.of("GPS: {}", "Standort {}", "position {}", "ubicación: {}", "posizione {}", "locatie {}"),
                        List.of("location", "coordinates", "gps")),
                new Spec(
                        PiiType.JWT,
                        other::jwt,
                        List.of("Authorization: Bearer {}", "token={}"),
                        List.of("token", "id_token", "jwt")),
                new Spec(
                        PiiType.AWS_ACCESS_KEY,
                        other::awsKey,
                        List.of("aws key {} leaked", "AWS_ACCESS_KEY_ID={}"),
                        List.of("aws_access_key_id", "accessKeyId")),
                new Spec(
                        PiiType.API_KEY,
                        other::apiKey,
                        List.of("api key: {}", "export TOKEN={}"),
                        List.of("api_key", "apiToken", "secret")),
                new Spec(
                        PiiType.PRIVATE_KEY,
                        other::privateKey,
                        List.of("key follows:\n{}\n"),
                        List.of("private_key", "ssh_key")),
                new Spec(
                        PiiType.PASSWORD,
                        other::password,
                        List.of(
                                "password: {}",
                                "Passwort: {}",
                                "mot de passe : {}",
                                "contraseña: {}",
                                "wachtwoord: {}"),
                        List.of("password", "passwort", "mot_de_passe", "contrasena", "wachtwoord", "pwd")),
                new Spec(
                        PiiType.PERSON_NAME,
                        other::fullName,
                        List.of(
                                "Please ask {} about it.",
                                "Sehr geehrte Frau {},",
                                "Bonjour Mme {},",
                                "Estimado Sr. {}:",
                                "Gentile Sig. {},",
                                "Beste Mevr. {}, bedankt",
                                "Mr. {} called"),
                        List.of("name", "full_name", "customerName", "nom", "nombre", "cognome", "naam")),
                new Spec(
                        PiiType.POSTAL_ADDRESS,
                        other::address,
                        List.of(
                                "Ship to {} please.",
                                "Anschrift: {}",
                                "Adresse : {}",
                                "Dirección: {}",
                                "Indirizzo: {}",
                                "Adres: {}"),
                        List.of(
                                "address",
                                "adresse",
                                "anschrift",
                                "direccion",
                                "indirizzo",
                                "adres",
                                "street_address")),
                new Spec(
                        PiiType.DATE_OF_BIRTH,
                        other::birthDate,
                        List.of(
                                "born on {}",
                                "geboren am {}",
                                "né le {}",
                                "nacido el {}",
                                "nato il {}",
                                "geboren op {}",
                                "date of birth: {}"),
                        List.of(
                                "dob",
                                "date_of_birth",
                                "geburtsdatum",
                                "date_naissance",
                                "fecha_nacimiento",
                                "data_nascita",
                                "geboortedatum")),
                new Spec(
                        PiiType.GENDER,
                        () -> values.pick(List.of(
                                "female",
                                "male",
                                "weiblich",
                                "männlich",
                                "femme",
                                "homme",
                                "mujer",
                                "hombre",
                                "femmina",
                                "maschio",
                                "vrouw",
                                "man")),
                        List.of("gender: {}", "Geschlecht: {}", "sexe : {}", "sexo: {}", "sesso: {}", "geslacht: {}"),
                        List.of("gender", "geschlecht", "sexe", "sexo", "sesso", "geslacht")),
                new Spec(
                        PiiType.AGE,
                        () -> String.valueOf(values.between(18, 95)),
                        List.of(
                                "{} years old",
                                "{} Jahre alt",
                                "a {} ans",
                                "tiene {} años",
                                "ha {} anni",
                                "is {} jaar"),
                        List.of("age", "alter", "edad", "leeftijd")));
    }

    /** National numbers only where a sentence names the region (or the default region DE applies). */
    private String phoneText() {
        String[] phone = values.phone();
        return phone[0];
    }

    /** Phone sentences are chosen by the number's region, since a national number needs its country named. */
    Sample phoneSentence() {
        String[] phone = values.phone();
        String template = switch (phone[1]) {
            case "" ->
                values.pick(List.of(
                        "Call me on {} tonight",
                        "Ruf an unter {}",
                        "Appelez le {}",
                        "Llámame al {}",
                        "Chiamami al {}",
                        "Bel me op {}"));
            case "DE" -> "Telefon: {}";
            case "FR" -> "Téléphone : {}";
            case "ES" -> "Teléfono: {}";
            case "IT" -> "Telefono: {}";
            case "NL" -> "Telefoonnummer: {}";
            // national numbers of other regions: only a language-neutral phone word, no region hint
            default -> values.pick(List.of("Tel. {}", "phone: {}", "call {} after 6pm"));
        };
        if (template == null) {
            return phoneSentence();
        }
        int at = template.indexOf("{}");
        String input = template.substring(0, at) + phone[0] + template.substring(at + 2);
        return new Sample(
                false, input, List.of(new Sample.Label(PiiType.PHONE_NUMBER, null, at, at + phone[0].length())));
    }
}
