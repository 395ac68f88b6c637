import type { Me } from '../api/types';

/**
 * What the signed-in staff member may do, as the api enforces it: a community worker acts in the
 * communities they cover; a district official only looks (masked lists); the operator manages
 * price lists and communities and never sees elders.
 */
export interface Permissions {
  /** 老人档案 list (masked): workers and district officials. */
  listElders: boolean;
  /** Open an elder's full record, add elders, confirm bindings, verify, suspend, order: workers. */
  act: boolean;
  /** 服务人员 and 订单 lists: workers and district officials. */
  listProvidersAndOrders: boolean;
  /** 月探访, 服务圈覆盖 and 统计报表 of the covered communities: workers and district officials. */
  viewOperations: boolean;
  /** Set up what the platform runs on (养老服务补贴 amounts): the operator only. */
  configure: boolean;
  /** 养老服务补贴: workers and district officials read it, the operator sets it. */
  viewSubsidy: boolean;
}

export function permissionsOf(me: Me): Permissions {
  const worker = me.roles.includes('COMMUNITY_WORKER');
  const official = me.roles.includes('DISTRICT_OFFICIAL');
  const operator = me.roles.includes('ADMIN');
  return {
    listElders: worker || official,
    act: worker,
    listProvidersAndOrders: worker || official,
    viewOperations: worker || official,
    configure: operator,
    viewSubsidy: worker || official || operator,
  };
}
