package dev.lethe.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.catalog.apikey.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The pages' rows of the authorization matrix, one file per feature under {@code page-matrix/} on the
 * test class path: {@code METHOD<TAB>PATH<TAB>EXPECT}, EXPECT four letters Y (allowed) or N (403) for
 * ADMIN, PRIVACY_OFFICER, ENGINEER and AUDITOR in that order; {@code {id}} in a path stands for an id.
 */
public final class PageMatrix {

    /** The roles in the order of a row's letters. */
    public static final List<Role> ROLES = List.of(Role.ADMIN, Role.PRIVACY_OFFICER, Role.ENGINEER, Role.AUDITOR);

    /** One page request and the roles that may make it. */
    public record Row(String source, String method, String path, Set<Role> allowed) {

        /** The path with a fresh random id for each {@code {id}}. */
        public String concretePath() {
            String path = this.path;
            while (path.contains("{id}")) {
                path = path.replaceFirst("\\{id}", UUID.randomUUID().toString());
            }
            return path;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private PageMatrix() {}

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:page-matrix/*.tsv");
            for (Resource file : files) {
                String[] lines = file.getContentAsString(StandardCharsets.UTF_8).split("\n");
                for (int number = 1; number <= lines.length; number++) {
                    String line = lines[number - 1].strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    rows.add(parse(file.getFilename() + ":" + number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Row parse(String source, String line) {
        String[] columns = line.split("\t+");
        assertThat(columns).as(source + ": METHOD<TAB>PATH<TAB>EXPECT").hasSize(3);
        String expect = columns[2].strip();
        assertThat(expect).as(source + ": four letters Y/N").matches("[YN]{4}");
        Set<Role> allowed = EnumSet.noneOf(Role.class);
        for (int i = 0; i < ROLES.size(); i++) {
            if (expect.charAt(i) == 'Y') {
                allowed.add(ROLES.get(i));
            }
        }
        return new Row(source, columns[0].strip(), columns[1].strip(), allowed);
    }
}
