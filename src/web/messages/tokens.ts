/** The tokens page. Every key must exist in both languages: a missing translation is a type error. */
export const en = {
};

export const zhCN: Record<keyof typeof en, string> = {
};
