// Integration-test database bootstrap lives in test/support; unit tests need nothing here.
export default async function setup(): Promise<void> {}
