// Moved to scripts/zapier so the live demo shares it.
export * from '../../scripts/zapier/bundle';
