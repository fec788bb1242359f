// A second, independent source of Indonesian names for held-out evaluation (issue 15). Written from
// general knowledge of Indonesian naming by region, separately from names/indonesian-names.ts and
// eval/synthetic-people.ts, and kept disjoint from them word for word (the spec checks it), so a
// held-out set built from these lists holds names the engine was never tuned on. Weights are rough
// relative frequencies within a list, not counts. No real person is described.

export type Weighted = ReadonlyArray<readonly [name: string, weight: number]>;

/** Structural words of a tradition (birth order, gender articles, patronymic links): shared with any source by nature, so excluded from the disjointness check. */
export const STRUCTURAL = {
  balineseOrder: ['Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang', 'Gede'],
  balineseArticle: { M: 'I', F: 'Ni' },
  patronymic: { M: 'bin', F: 'binti' },
  bugisNoble: 'Andi',
} as const;

/** Javanese single or two-word names (Sanskrit/Old Javanese roots). */
export const JAVA_M: Weighted = [
  ['Paimin', 10],
  ['Tukiran', 8],
  ['Kasiman', 8],
  ['Ngadiman', 8],
  ['Suyatno', 16],
  ['Wagiman', 8],
  ['Harjono', 14],
  ['Sumadi', 12],
  ['Sukirno', 12],
  ['Prayitno', 12],
  ['Kuswanto', 10],
  ['Triyanto', 10],
  ['Sriyono', 8],
  ['Legiman', 6],
  ['Samiran', 6],
  ['Daryanto', 10],
  ['Sarwono', 8],
  ['Pujiono', 8],
  ['Haryadi', 12],
  ['Widodo', 16],
  ['Susilo', 14],
  ['Gunadi', 8],
  ['Jumadi', 8],
  ['Kasno', 6],
  ['Rusdiyanto', 6],
  ['Sutarjo', 8],
  ['Tugimin', 5],
  ['Wartono', 6],
  ['Yuwono', 8],
  ['Sutopo', 8],
];
export const JAVA_F: Weighted = [
  ['Sukarti', 12],
  ['Parsinah', 8],
  ['Kasiyem', 8],
  ['Sarmini', 10],
  ['Legini', 6],
  ['Warsini', 8],
  ['Sriyatun', 8],
  ['Juwariyah', 8],
  ['Mujiati', 8],
  ['Purwanti', 14],
  ['Widyaningsih', 10],
  ['Nanik', 10],
  ['Ngatiyem', 6],
  ['Sutinah', 8],
  ['Poniyem', 6],
  ['Karsih', 6],
];
/** Arabic-derived given names and compounds (used across Java, Sumatra, Kalimantan, Sulawesi). */
export const ARABIC_M: Weighted = [
  ['Mochamad', 30],
  ['Muhamad', 30],
  ['Nurdin', 12],
  ['Kamaluddin', 8],
  ['Sholeh', 10],
  ['Imron', 10],
  ['Mansur', 12],
  ['Jamaludin', 10],
  ['Usman', 12],
  ['Khoirul', 12],
  ['Fathurrohman', 8],
  ['Misbahul', 8],
  ['Ruslan', 10],
  ['Bahrudin', 8],
  ['Saifullah', 8],
];
export const ARABIC_F: Weighted = [
  ['Zubaidah', 8],
  ['Rohmah', 10],
  ['Munawaroh', 8],
  ['Khoiriyah', 8],
  ['Rukiyah', 8],
  ['Hafsah', 6],
  ['Mardiyah', 8],
  ['Musyarofah', 6],
  ['Salma', 10],
  ['Latifah', 12],
  ['Maimunah', 8],
  ['Rodiah', 8],
  ['Sholihah', 8],
];
export const SUNDA_M: Weighted = [
  ['Engkus', 6],
  ['Ecep', 6],
  ['Mamat', 8],
  ['Ohim', 4],
];
export const SUNDA_F: Weighted = [];
export const SUNDA_FAMILY: Weighted = [
  ['Rukmana', 8],
  ['Sukmana', 8],
];
/** Batak marga less common than the head of the engine's list. */
export const BATAK_MARGA: Weighted = [
  ['Sinambela', 6],
  ['Perangin-angin', 6],
  ['Hutauruk', 6],
  ['Sitanggang', 8],
  ['Sihite', 6],
  ['Lumbantobing', 6],
  ['Munthe', 6],
];
export const BATAK_M: Weighted = [
  ['Togar', 8],
  ['Marihot', 6],
  ['Tigor', 6],
  ['Martua', 6],
  ['Jonggi', 4],
  ['Ronald', 8],
  ['Jefri', 8],
];
export const BATAK_F: Weighted = [
  ['Lasma', 4],
  ['Tiarma', 4],
  ['Dormauli', 4],
  ['Melva', 6],
  ['Riris', 6],
];
export const MINANG_M: Weighted = [
  ['Erizal', 6],
  ['Zulhendri', 6],
  ['Asril', 6],
  ['Nasrul', 6],
  ['Darmawi', 4],
];
export const MINANG_F: Weighted = [
  ['Nurbaiti', 6],
  ['Rosnida', 4],
  ['Erlina', 8],
  ['Afrida', 4],
  ['Yenni', 6],
  ['Syofiah', 4],
];
export const MINANG_FAMILY: Weighted = [
  ['Datuak', 2],
  ['Guci', 2],
  ['Melayu', 4],
];
export const BUGIS_M: Weighted = [
  ['Sangkala', 4],
  ['Takdir', 4],
  ['Pawellangi', 2],
  ['Mappe', 4],
  ['Ambo', 8],
  ['Beddu', 4],
  ['Lamaddukelleng', 1],
  ['Haeruddin', 6],
  ['Muhlis', 6],
];
export const BUGIS_F: Weighted = [
  ['Becce', 4],
  ['Indo', 6],
  ['Tenriawaru', 2],
  ['Nurmiati', 6],
  ['Suriani', 6],
  ['Hasmiati', 4],
];
export const BUGIS_FAMILY: Weighted = [
  ['Pananrangi', 4],
  ['Mallarangeng', 4],
  ['Tahir', 8],
  ['Palaguna', 4],
  ['Sulolipu', 2],
  ['Mattalitti', 2],
  ['Husain', 6],
];
export const BALI_M: Weighted = [
  ['Sudarsana', 6],
  ['Suartana', 6],
  ['Suardika', 4],
  ['Sudiartha', 4],
  ['Astawa', 6],
  ['Darmayasa', 4],
];
export const BALI_F: Weighted = [
  ['Darmini', 4],
  ['Sudiartini', 4],
  ['Wiryani', 4],
];
export const ACEH_M: Weighted = [
  ['Munzir', 4],
  ['Razali', 6],
  ['Nazaruddin', 6],
  ['Tarmizi', 6],
  ['Safrizal', 6],
];
export const ACEH_F: Weighted = [
  ['Cutnyak', 2],
  ['Ruhama', 4],
  ['Mawaddah', 4],
  ['Raudhah', 4],
  ['Nurlaila', 6],
];
/** Chinese-Indonesian: Indonesianised family-derived surnames and Chinese given names. */
export const CHINESE_FAMILY: Weighted = [
  ['Tanujaya', 4],
  ['Tjoa', 4],
  ['Thio', 4],
  ['Gouw', 3],
  ['Tjandra', 6],
];
export const CHINESE_M: Weighted = [
  ['Albert', 6],
  ['Edwin', 6],
  ['Hans', 4],
];
export const CHINESE_F: Weighted = [
  ['Meiliana', 6],
  ['Vivian', 6],
  ['Felicia', 6],
  ['Sherly', 6],
];
/** Eastern Indonesia: NTT, Maluku, Papua (Christian given names, clan family names). */
export const EAST_FAMILY: Weighted = [
  ['Lewerissa', 4],
  ['Pattiasina', 4],
  ['Matulessy', 4],
  ['Tuhuteru', 3],
  ['Wattimena', 4],
  ['Sahetapy', 4],
  ['Leiwakabessy', 3],
  ['Ndolu', 4],
  ['Manafe', 4],
  ['Nenobais', 3],
  ['Mbaubedi', 2],
  ['Lerrick', 3],
  ['Adoe', 3],
  ['Fanggidae', 4],
  ['Wonda', 3],
  ['Mote', 3],
  ['Yikwa', 3],
  ['Karubaba', 3],
  ['Rumbewas', 3],
  ['Ohee', 3],
  ['Kambu', 3],
];
export const EAST_M: Weighted = [
  ['Yulius', 6],
  ['Yosep', 6],
  ['Melkianus', 4],
  ['Benyamin', 6],
];
export const EAST_F: Weighted = [
  ['Yohana', 6],
  ['Ester', 6],
  ['Rebeka', 4],
];
