package dev.lethe.infra;

/** How to reach the running local services. */
public record ServiceEndpoints(
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        String kafkaBootstrapServers,
        String elasticsearchUrl,
        String temporalTarget) {

    /** The JDBC URL of one database on the local PostgreSQL. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }
}
