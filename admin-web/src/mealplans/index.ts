export { MealPlansPage } from './MealPlansPage';
