package dev.lethe.connectors.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.connectors.jdbc.Dialect;
import dev.lethe.connectors.spi.ConnectorException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbDialectTest {

    private final Dialect dialect = new MariaDbDialect(new MariaDbConnectorConfig(
            "db.example", 3306, "shop", "lethe", "secret", "disable", null, Duration.ofSeconds(5)));

    @Test
    void anyNameBecomesOneBackquotedIdentifier() {
        assertThat(dialect.quote("order items")).isEqualTo("`order items`");
        assertThat(dialect.quote("email` = email; --")).isEqualTo("`email`` = email; --`");
        assertThatThrownBy(() -> dialect.quote("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textComparesByteForByteAndOtherTypesByValue() {
        assertThat(dialect.differs("`name`", "?", "varchar(200)"))
                .isEqualTo("not (cast(`name` as binary) <=> cast(? as binary))");
        assertThat(dialect.differs("`amount`", "?", "decimal(10,2)")).isEqualTo("not (`amount` <=> ?)");
    }

    @Test
    void textAndClockTypesAreRecognisedAsTheServerSpellsThem() {
        assertThat(List.of("varchar(255)", "char(2)", "text", "mediumtext", "longtext"))
                .allMatch(dialect::isText);
        assertThat(List.of("bigint(20)", "decimal(10,2)", "blob", "datetime(6)"))
                .noneMatch(dialect::isText);
        assertThat(List.of("date", "datetime", "datetime(6)", "timestamp", "timestamp(3)"))
                .allMatch(dialect::isTime);
        assertThat(dialect.isTime("time")).isFalse();
    }

    @Test
    void aCutoffIsWrittenInUtcForTheClocksType() {
        Instant cutoff = Instant.parse("2026-06-01T22:30:00Z");

        assertThat(dialect.timeValue(cutoff, "date")).isEqualTo("2026-06-01");
        assertThat(dialect.timeValue(cutoff, "datetime(6)")).isEqualTo("2026-06-01 22:30:00.000000");
    }

    @Test
    void rowsAreAddressedByTheirPrimaryKeyAndATableWithoutOneIsRefused() {
        assertThat(dialect.rowKey("shop.order_items", List.of("order_id", "line")))
                .isEqualTo(new Dialect.RowKey(List.of("`order_id`", "`line`"), "`order_id` = ? and `line` = ?"));
        assertThatThrownBy(() -> dialect.rowKey("shop.log", List.of()))
                .isInstanceOfSatisfying(
                        ConnectorException.class,
                        e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("shop.log has no primary key");
    }

    @Test
    void aBatchIsPickedInKeyOrderWithALimit() throws SQLException {
        assertThat(dialect.batched(null, "delete from `shop`.`t`", "`shop`.`t`", "`created_at` < ?", List.of("id")))
                .isEqualTo("delete from `shop`.`t` where `created_at` < ? order by `id` limit ?");
        assertThat(dialect.batched(null, "delete from `shop`.`t`", "`shop`.`t`", "`created_at` < ?", List.of()))
                .isEqualTo("delete from `shop`.`t` where `created_at` < ? limit ?");
    }

    @Test
    void locksTimeoutsAndLostConnectionsAreRetriable() {
        assertThat(dialect.describe(new SQLException("x", "HY000", 1205)))
                .isEqualTo(new Dialect.SqlError(true, "a lock was not available", "SQL state HY000, error 1205"));
        assertThat(dialect.describe(new SQLException("x", "70100", 1969)).retriable())
                .isTrue();
        assertThat(dialect.describe(new SQLException("x", "40001", 1213)).retriable())
                .isTrue();
        assertThat(dialect.describe(new SQLNonTransientConnectionException("x", "08000", -1)))
                .isEqualTo(new Dialect.SqlError(true, "the server cannot be reached", "SQL state 08000"));
    }

    @Test
    void credentialsPrivilegesUnknownNamesAndForeignKeysAreFatal() {
        assertThat(dialect.describe(new SQLException("x", "28000", 1045)))
                .isEqualTo(new Dialect.SqlError(
                        false, "the server refused the credentials", "SQL state 28000, error 1045"));
        assertThat(dialect.describe(new SQLException("x", "42000", 1142)).meaning())
                .isEqualTo("the user lacks a privilege");
        assertThat(dialect.describe(new SQLException("x", "42S02", 1146)).retriable())
                .isFalse();
        assertThat(dialect.describe(new SQLException("x", "23000", 1451)).retriable())
                .isFalse();
    }

    @Test
    void theServersMessageNeverReachesTheDescription() {
        var error = dialect.describe(
                new BatchUpdateException("Duplicate entry 'alice@example.org'", "23000", 1062, new long[0], null));

        assertThat(error.toString()).doesNotContain("alice");
    }
}
