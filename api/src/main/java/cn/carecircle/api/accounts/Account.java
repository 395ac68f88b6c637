package cn.carecircle.api.accounts;

import cn.carecircle.api.common.Role;
import java.util.Set;
import java.util.UUID;

record Account(UUID id, String uid, String displayName, Set<Role> roles, Set<UUID> communityIds) {}
