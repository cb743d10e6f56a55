import {
  BankOutlined, BookOutlined, CalendarOutlined, CarOutlined, CoffeeOutlined, ContactsOutlined, EnvironmentOutlined, FileTextOutlined,
  FlagOutlined, GiftOutlined, HeartOutlined, HomeOutlined, IdcardOutlined, MedicineBoxOutlined, PhoneOutlined, ShopOutlined,
  ShoppingCartOutlined, SolutionOutlined, StarOutlined, TeamOutlined, ToolOutlined, TrophyOutlined, UserOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

/**
 * The icons an object may name (`objects.*.icon`), by the names the studio offers and the
 * templates use: the app's menu shows an object by its icon, the studio picks one from these.
 * A name outside the set (typed in the code view) leaves the menu's default table icon.
 */
export const objectIcons: Readonly<Record<string, ComponentType>> = {
  shop: ShopOutlined,
  hotel: HomeOutlined,
  home: HomeOutlined,
  bank: BankOutlined,
  user: UserOutlined,
  team: TeamOutlined,
  contacts: ContactsOutlined,
  idcard: IdcardOutlined,
  solution: SolutionOutlined,
  flag: FlagOutlined,
  calendar: CalendarOutlined,
  file: FileTextOutlined,
  environment: EnvironmentOutlined,
  car: CarOutlined,
  book: BookOutlined,
  phone: PhoneOutlined,
  tool: ToolOutlined,
  coffee: CoffeeOutlined,
  medicine: MedicineBoxOutlined,
  shopping: ShoppingCartOutlined,
  gift: GiftOutlined,
  heart: HeartOutlined,
  star: StarOutlined,
  trophy: TrophyOutlined,
};

/** The icon named `name`, or undefined for no name or one outside the set. */
export function objectIcon(name: string | undefined): ComponentType | undefined {
  return name !== undefined && Object.hasOwn(objectIcons, name) ? objectIcons[name] : undefined;
}
