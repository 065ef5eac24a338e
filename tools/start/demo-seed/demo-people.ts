/** The demo agency's people; everyone signs in with DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'follow-through-demo';
export const DEMO_AGENCY = 'Northstar Career Coaching';
export const DEMO_ADMIN = { name: 'Ada Admin', email: 'admin@northstar.example' };
export const DEMO_COACHES = [
  { name: 'Carmen Coach', email: 'carmen.coach@northstar.example' },
  { name: 'Colin Coach', email: 'colin.coach@northstar.example' },
];
export const DEMO_CLIENTS = [
  { name: 'Priya Patel', email: 'priya@clients.example' },
  { name: 'Marcus Reed', email: 'marcus@clients.example' },
  { name: 'Sofia Alvarez', email: 'sofia@clients.example' },
  { name: 'Raj Kumar', email: 'raj@clients.example' },
  { name: 'Hannah Berg', email: 'hannah@clients.example' },
  { name: 'Tomás Silva', email: 'tomas@clients.example' },
];
