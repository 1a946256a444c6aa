package dev.lethe.classifier.internal;

import dev.lethe.classifier.PiiType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Words that, near a candidate, name its type (or name something that is not personal data), in
 * English, German, French, Spanish, Italian and Dutch. Keys are lower-case single words; accented words
 * are also listed without accents because data is often typed without them.
 */
final class ContextWords {

    /** Bit set in a word's mask when the word suggests that nearby numbers are not personal data. */
    static final long NEGATIVE = 1L << 63;

    private static final Map<String, Long> MASKS = new HashMap<>();
    private static final Map<String, String> PHONE_REGIONS = new HashMap<>();

    static {
        word(PiiType.EMAIL_ADDRESS, "email e-mail mail courriel correo correoe posta emailadres mailadres");
        word(
                PiiType.PHONE_NUMBER,
                "phone tel telephone telefon telefonnummer handy mobil mobile cell cellphone fax"
                        + " téléphone portable teléfono telefono móvil movil cellulare telefoonnummer mobiel gsm call"
                        + " rufnummer anrufen appeler llamar chiamare bellen whatsapp ring reach sms dial phoned"
                        + " erreichbar erreichen zurückrufen rückruf durchwahl festnetz handynummer mobilnummer");
        word(PiiType.IP_ADDRESS, "ip ipv4 ipv6 ipaddr ipaddress client remote src dst");
        word(PiiType.MAC_ADDRESS, "mac macaddr hwaddr ether bssid");
        word(PiiType.URL, "url link website homepage webseite site sitio");
        word(
                PiiType.GEO_COORDINATES,
                "lat lon lng latitude longitude coordinates coords gps location standort"
                        + " koordinaten coordonnées coordonnees ubicación ubicacion coordenadas posizione coordinate locatie");
        word(
                PiiType.CREDIT_CARD,
                "card credit visa mastercard amex kreditkarte karte carte crédit bancaire tarjeta"
                        + " crédito credito carta creditcard kaart creditcardnummer pan kartennummer cb");
        word(
                PiiType.IBAN,
                "iban account konto kontonummer bankverbindung compte rib cuenta conto rekening"
                        + " rekeningnummer sepa");
        word(PiiType.SWIFT_BIC, "bic swift bank banque banco");
        word(PiiType.CRYPTO_WALLET, "bitcoin btc wallet ethereum eth crypto krypto monedero portafoglio");
        word(PiiType.US_SSN, "ssn social security");
        word(PiiType.US_ITIN, "itin taxpayer");
        word(PiiType.UK_NINO, "nino insurance ni");
        word(PiiType.UK_NHS, "nhs");
        word(
                PiiType.DE_TAX_ID,
                "steuer steuerid steuer-id steueridentifikationsnummer steuernummer idnr"
                        + " identifikationsnummer tin");
        word(PiiType.FR_NIR, "sécurité securite sociale nir insee sécu secu");
        word(PiiType.ES_DNI, "dni nie nif documento identidad");
        word(PiiType.IT_FISCAL_CODE, "codice fiscale cf");
        word(PiiType.NL_BSN, "bsn burgerservicenummer sofinummer");
        word(PiiType.PL_PESEL, "pesel");
        word(PiiType.SE_PERSONNUMMER, "personnummer personnr");
        word(PiiType.FI_HETU, "henkilötunnus henkilotunnus hetu");
        word(PiiType.BE_NATIONAL_NUMBER, "rijksregisternummer rijksregister registre national insz niss rrn");
        word(PiiType.EU_VAT, "vat ust ustid ust-idnr umsatzsteuer tva iva btw mwst moms alv");
        word(
                PiiType.PASSPORT,
                "passport passportnumber reisepass passnummer passeport pasaporte passaporto paspoort paspoortnummer");
        word(
                PiiType.DATE_OF_BIRTH,
                "born birth dob birthday birthdate geboren geburtsdatum geburtstag né née"
                        + " naissance nacido nacida nacimiento nato nata nascita geboortedatum geboorte");
        word(PiiType.AGE, "age aged alter âge edad età eta leeftijd");
        word(PiiType.GENDER, "gender sex geschlecht sexe genre sexo género genero genere sesso geslacht");
        word(
                PiiType.PERSON_NAME,
                "mr mrs ms miss dr name herr frau dear hallo hello hi monsieur madame mme mlle"
                        + " señor senor señora senora sr sra don doña signor signora sig dhr mevr heer mevrouw beste nom"
                        + " prénom prenom nombre apellido cognome naam achternaam vorname nachname customer kunde client"
                        + " cliente klant contact contacto contatto patient");
        word(
                PiiType.POSTAL_ADDRESS,
                "address adresse anschrift wohnhaft dirección direccion domicilio indirizzo"
                        + " adres woonadres lives wohnt habite vive");
        word(PiiType.API_KEY, "api key apikey token secret bearer authorization auth credential credentials");
        word(PiiType.PASSWORD, "password passwort kennwort passe contraseña contrasena wachtwoord pwd passwd");
        negative("order bestellung bestellnummer commande pedido ordine bestelling invoice rechnung facture factura"
                + " fattura factuur tracking sendung sendungsnummer colis envío envio spedizione zending isbn"
                + " version versión versione build release sku article artikel artículo articolo product produkt"
                + " produit producto prodotto ref reference referenz référence serial seriennummer hash sha sha1"
                + " sha256 md5 checksum uuid guid timestamp price preis prix precio prezzo prijs total amount"
                + " betrag montant importe importo bedrag ticket transaction transaktion txn batch lot vorgang"
                + " aktenzeichen dossier expediente pratica zaak kundennummer customerid"
                + " paket package parcel");
        region(
                "DE",
                "telefon handy rufnummer anrufen telefonnummer erreichbar erreichen zurückrufen rückruf durchwahl"
                        + " festnetz handynummer mobilnummer");
        region("FR", "téléphone telephone portable appeler");
        region("ES", "teléfono móvil movil llamar");
        region("IT", "telefono cellulare chiamare");
        region("NL", "telefoonnummer mobiel bellen");
    }

    private ContextWords() {}

    private static void word(PiiType type, String words) {
        for (String w : words.split(" ")) {
            MASKS.merge(w, 1L << type.ordinal(), (a, b) -> a | b);
        }
    }

    private static void negative(String words) {
        for (String w : words.split(" ")) {
            MASKS.merge(w, NEGATIVE, (a, b) -> a | b);
        }
    }

    private static void region(String region, String words) {
        for (String w : words.split(" ")) {
            PHONE_REGIONS.put(w, region);
        }
    }

    /** The mask of types (and {@link #NEGATIVE}) the lower-case word suggests, 0 when none. */
    static long mask(String lowerWord) {
        Long mask = MASKS.get(lowerWord);
        return mask == null ? 0 : mask;
    }

    /** Every context word (lower case), positive or negative. */
    static java.util.Set<String> words() {
        return java.util.Collections.unmodifiableSet(MASKS.keySet());
    }

    static boolean suggests(long mask, PiiType type) {
        return (mask & (1L << type.ordinal())) != 0;
    }

    /** The phone region a word implies ("Telefon" suggests German numbers), or null. */
    static String phoneRegion(String lowerWord) {
        return PHONE_REGIONS.get(lowerWord);
    }

    static String lower(CharSequence s) {
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
