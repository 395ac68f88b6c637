package cn.carecircle.api.common;

import cn.carecircle.api.demo.EmbeddedInfrastructure;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Turns the two addresses an operator sets — {@code carecircle.db.url} (a JDBC URL, env
 * {@code CARECIRCLE_DB_URL}) and {@code carecircle.redis.url} (env {@code CARECIRCLE_REDIS_URL}) — into the
 * settings of R2DBC, Flyway and Lettuce, so that the two drivers can never point at different databases. Under
 * the {@code demo} profile, an address that is not set is served by an embedded server.
 */
public class ConnectionEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SCHEMA = "carecircle";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        boolean demo = env.acceptsProfiles(Profiles.of("demo"));
        Map<String, Object> derived = new HashMap<>();

        String jdbcUrl = env.getProperty("carecircle.db.url");
        String user = env.getProperty("carecircle.db.user", "postgres");
        String password = env.getProperty("carecircle.db.password", "");
        if ((jdbcUrl == null || jdbcUrl.isBlank()) && demo) {
            jdbcUrl = EmbeddedInfrastructure.postgresJdbcUrl();
            user = "postgres";
            password = "";
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/carecircle";
        }
        URI db = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = db.getPath().replaceFirst("^/", "");
        derived.put("spring.flyway.url", jdbcUrl);
        derived.put("spring.flyway.user", user);
        derived.put("spring.flyway.password", password);
        derived.put(
                "spring.r2dbc.url",
                "r2dbc:postgresql://" + db.getHost() + ":" + (db.getPort() < 0 ? 5432 : db.getPort()) + "/" + database
                        + "?schema=" + SCHEMA);
        derived.put("spring.r2dbc.username", user);
        derived.put("spring.r2dbc.password", password);

        String redisUrl = env.getProperty("carecircle.redis.url");
        if ((redisUrl == null || redisUrl.isBlank()) && demo) {
            redisUrl = EmbeddedInfrastructure.redisUrl();
        }
        derived.put(
                "spring.data.redis.url", redisUrl == null || redisUrl.isBlank() ? "redis://127.0.0.1:6379" : redisUrl);

        env.getPropertySources().addFirst(new MapPropertySource("carecircle-connections", derived));
    }

    @Override
    public int getOrder() {
        // after the config files are read, so that application-*.yaml and the environment are both seen
        return Ordered.LOWEST_PRECEDENCE;
    }
}
