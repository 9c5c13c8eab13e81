/** Directory management and import screens (vi). */
export const directory = {
  title: "Danh mục",
};
