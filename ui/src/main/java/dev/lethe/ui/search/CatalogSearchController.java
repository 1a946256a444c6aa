package dev.lethe.ui.search;

import dev.lethe.catalog.search.CatalogIndex;
import dev.lethe.catalog.search.CatalogIndexer;
import dev.lethe.catalog.search.SearchHit;
import dev.lethe.catalog.search.SearchUnavailable;
import dev.lethe.ui.security.LetheAuthentication;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/v1/catalog/search}: the search box over systems, datasets, fields and activities,
 * for every role of the tenant; rebuilding the index from PostgreSQL is for ADMIN and
 * PRIVACY_OFFICER. While the index can't answer (a new index's shard is starting, Elasticsearch is
 * busy) both answer 503 with {@code Retry-After}, never 500.
 */
@RestController
@RequestMapping("/api/v1/catalog/search")
class CatalogSearchController {

    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY_LENGTH = 200;

    record SearchResults(String query, List<SearchHit> hits) {}

    record RebuildResult(int indexed, long tookMs) {}

    private final CatalogIndex index;
    private final CatalogIndexer indexer;

    CatalogSearchController(CatalogIndex index, CatalogIndexer indexer) {
        this.index = index;
        this.indexer = indexer;
    }

    @GetMapping
    SearchResults search(
            LetheAuthentication caller, @RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        String text = q.strip();
        if (text.isEmpty() || text.length() > MAX_QUERY_LENGTH) {
            throw new ResponseStatusException(
                    HttpStatus.BAD_REQUEST, "q must have 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        return new SearchResults(text, index.search(tenant(caller), text, limit));
    }

    @PostMapping("/rebuild")
    @PreAuthorize("hasAnyRole('ADMIN', 'PRIVACY_OFFICER')")
    RebuildResult rebuild(LetheAuthentication caller) {
        long start = System.nanoTime();
        int indexed = indexer.rebuild(tenant(caller));
        return new RebuildResult(indexed, (System.nanoTime() - start) / 1_000_000);
    }

    /** The index can't answer yet (a shard is starting, Elasticsearch is busy): 503, ask again shortly. */
    @ExceptionHandler(SearchUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(SearchUnavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Search not available yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(SearchUnavailable.RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static UUID tenant(LetheAuthentication caller) {
        return caller.tenantId();
    }
}
