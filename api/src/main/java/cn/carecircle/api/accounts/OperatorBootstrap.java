package cn.carecircle.api.accounts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * A fresh installation has no operator to set up the others: the Firebase users named in
 * {@code carecircle.bootstrap.operator-uids} get an operator (ADMIN) account at start-up if they have none. Their
 * tokens must also carry the {@code role: ADMIN} claim, set in the Firebase console.
 */
@Component
class OperatorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final AccountService accounts;
    private final List<String> uids;

    OperatorBootstrap(AccountService accounts, @Value("${carecircle.bootstrap.operator-uids:}") String uids) {
        this.accounts = accounts;
        this.uids = Arrays.stream(uids.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        // Start-up, not a request: waiting here keeps the server from answering before its operators exist.
        Long created = Flux.fromIterable(uids)
                .concatMap(uid -> accounts.ensureOperator(uid, "运营管理员"))
                .filter(Boolean::booleanValue)
                .count()
                .block(Duration.ofSeconds(30));
        if (created != null && created > 0) {
            log.info("created {} operator account(s) from carecircle.bootstrap.operator-uids", created);
        }
    }
}
