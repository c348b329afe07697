// Tests never seed demo data or print info logs unless a test asks for it.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'warn';
