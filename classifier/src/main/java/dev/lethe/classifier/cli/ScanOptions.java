package dev.lethe.classifier.cli;

/** The parsed command line of {@link ScanCli}. */
record ScanOptions(boolean text, String region, double minScore, String file, boolean help) {

    static ScanOptions parse(String[] args) {
        boolean text = false;
        boolean help = false;
        String region = null;
        double minScore = 0.5;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--text" -> text = true;
                case "-h", "--help" -> help = true;
                case "--region" -> region = value(args, ++i, arg);
                case "--min-score" -> minScore = score(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (file != null) {
                        throw new IllegalArgumentException("only one FILE may be given");
                    }
                    file = arg.equals("-") ? null : arg;
                }
            }
        }
        if (region != null && !region.matches("[A-Za-z]{2}")) {
            throw new IllegalArgumentException("--region needs a two-letter ISO 3166 code");
        }
        return new ScanOptions(text, region, minScore, file, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static double score(String value) {
        try {
            double score = Double.parseDouble(value);
            if (score >= 0 && score <= 1) {
                return score;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--min-score needs a number within 0..1");
    }
}
