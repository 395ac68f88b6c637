import { Select, type SelectProps } from 'antd';
import { useCurrentStaff } from '../account/MeContext';

type CommunitySelectProps = Omit<SelectProps<string>, 'options'>;

/** A choice among the communities the signed-in staff member covers, by name. */
export function CommunitySelect({ style, ...props }: CommunitySelectProps) {
  const me = useCurrentStaff();
  return (
    <Select<string>
      style={{ width: 240, ...style }}
      {...props}
      options={me.communities.map((community) => ({ value: community.id, label: community.name }))}
    />
  );
}
