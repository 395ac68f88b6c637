package cn.carecircle.api.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Firebase settings FCM needs; the same {@code carecircle.firebase} keys the sign-in uses, plus one.
 *
 * @param projectId the Firebase project whose apps receive the pushes
 * @param credentialsFile a service-account file; empty means application-default credentials
 * @param messagingEndpoint a stand-in for {@code https://fcm.googleapis.com} ({@code http://host:port}), for
 *     development and tests only: the prod profile refuses to start with one
 */
@ConfigurationProperties("carecircle.firebase")
public record FcmProperties(String projectId, String credentialsFile, String messagingEndpoint) {

    boolean stubEndpoint() {
        return messagingEndpoint != null && !messagingEndpoint.isBlank();
    }
}
