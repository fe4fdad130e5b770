export declare const randomSecrets: () => Record<'APP_KEYS' | 'API_TOKEN_SALT' | 'ADMIN_JWT_SECRET' | 'TRANSFER_TOKEN_SALT' | 'JWT_SECRET' | 'ENCRYPTION_KEY', string>;
export declare const previewSecrets: () => Record<'PREVIEW_SECRET' | 'PREVIEW_TOKEN', string>;
