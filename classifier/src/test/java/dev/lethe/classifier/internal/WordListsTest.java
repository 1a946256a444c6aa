package dev.lethe.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WordListsTest {

    private static final Path SHIPPED = Path.of("src/main/resources/dev/lethe/classifier/internal/words");

    @Test
    void readsOneEntryPerLineWithoutCommentsOrBlanks() {
        assertThat(WordLists.lower("test-list.txt")).containsExactlyInAnyOrder("alpha", "beta", "sankt georg");
    }

    @Test
    void aLowerCaseListRejectsAnEntryThatCouldNeverMatch() {
        assertThatThrownBy(() -> WordLists.lower("test-capitals.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-capitals.txt")
                .hasMessageContaining("NotFine");
    }

    @Test
    void aDuplicateEntryIsAnError() {
        assertThatThrownBy(() -> WordLists.exact("test-twice.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-twice.txt")
                .hasMessageContaining("twice");
    }

    @Test
    void aMissingListNamesTheResource() {
        assertThatThrownBy(() -> WordLists.lower("no-such-list.txt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("words/no-such-list.txt");
    }

    @Test
    void everyShippedListLoadsAndSaysWhatItIsFor() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SHIPPED)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertThat(name).endsWith(".txt");
            assertThat(Files.readAllLines(file).getFirst()).as(name).startsWith("# ");
            // only the party abbreviations are matched as written; the rest against lower-cased tokens
            var words = name.equals("party-abbreviations.txt") ? WordLists.exact(name) : WordLists.lower(name);
            assertThat(words).as(name).isNotEmpty();
        }
    }

    @Test
    void theDetectorsSeeTheListsFromTheFiles() {
        assertThat(ContextualDetector.NATIONALITIES).contains("nigerian", "italienerin", "deutschen");
        assertThat(ContextualDetector.RELIGIONS).contains("muslim", "katholisch");
        assertThat(NerStopWords.contains("morning")).isTrue();
        assertThat(NerStopWords.contains("anna")).isFalse();
    }
}
