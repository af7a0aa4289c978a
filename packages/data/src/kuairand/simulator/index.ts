export { type SessionInput, type SessionReturn, simulateSessions } from './simulate';
export { fitUserModel, type UserModel, type UserModelLog } from './user-model';
