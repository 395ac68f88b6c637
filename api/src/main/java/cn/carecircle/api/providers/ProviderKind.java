package cn.carecircle.api.providers;

import cn.carecircle.api.common.Role;

/** 护理员 / 医护人员 / 助餐送餐员 / 志愿者. */
public enum ProviderKind {
    CAREGIVER,
    MEDICAL,
    MEAL_COURIER,
    VOLUNTEER;

    Role role() {
        return this == VOLUNTEER ? Role.VOLUNTEER : Role.PROVIDER;
    }
}
