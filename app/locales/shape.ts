/** The same keys as the Vietnamese reference, any strings: `en` files use it with `satisfies`. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
