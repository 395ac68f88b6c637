package cn.carecircle.api.providers;

import cn.carecircle.api.common.ServiceType;
import java.time.LocalDate;

public record CredentialInput(
        ServiceType service, CredentialKind kind, String number, String issuer, LocalDate expiresOn) {}
