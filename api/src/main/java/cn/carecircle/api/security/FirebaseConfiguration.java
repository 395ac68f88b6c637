package cn.carecircle.api.security;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

@Configuration(proxyBeanMethods = false)
class FirebaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FirebaseConfiguration.class);

    /**
     * One named app per application context, so that several contexts in one JVM (tests running two api
     * instances) do not share or clash over the default app.
     */
    @Bean(destroyMethod = "delete")
    FirebaseApp firebaseApp(FirebaseProperties properties, Environment environment) throws IOException {
        boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
        String envEmulator = System.getenv("FIREBASE_AUTH_EMULATOR_HOST");
        if (prod && (properties.emulator() || (envEmulator != null && !envEmulator.isBlank()))) {
            throw new IllegalStateException(
                    "The Firebase Auth emulator must not be used under the prod profile: unset FIREBASE_AUTH_EMULATOR_HOST");
        }
        FirebaseOptions.Builder options = FirebaseOptions.builder().setProjectId(properties.projectId());
        if (properties.emulator()) {
            // The SDK reads the emulator address from its process environment; this sets it from our settings,
            // so that tests can aim it at a stub chosen at run time.
            FirebaseProcessEnvironment.setenv("FIREBASE_AUTH_EMULATOR_HOST", properties.authEmulatorHost());
            options.setCredentials(GoogleCredentials.create(new AccessToken("owner", null)));
            log.info("Firebase Auth emulator mode at {}", properties.authEmulatorHost());
        } else if (properties.credentialsFile() != null
                && !properties.credentialsFile().isBlank()) {
            try (InputStream in = new FileInputStream(properties.credentialsFile())) {
                options.setCredentials(GoogleCredentials.fromStream(in));
            }
        } else {
            options.setCredentials(GoogleCredentials.getApplicationDefault());
        }
        return FirebaseApp.initializeApp(options.build(), "carecircle-" + UUID.randomUUID());
    }

    @Bean
    FirebaseAuth firebaseAuth(FirebaseApp app) {
        return FirebaseAuth.getInstance(app);
    }
}
