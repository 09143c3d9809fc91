/** Shared Tailwind class strings, so buttons and inputs look the same on every page. */
const base =
  'inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-60';

export const buttonClass = {
  primary: `${base} bg-indigo-600 px-3.5 py-2 text-sm text-white shadow-sm hover:bg-indigo-500`,
  secondary: `${base} bg-white px-3.5 py-2 text-sm text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`,
  danger: `${base} bg-white px-3 py-1.5 text-sm text-red-700 ring-1 ring-red-300 ring-inset hover:bg-red-50`,
  small: `${base} bg-white px-2.5 py-1 text-xs text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`,
  smallPrimary: `${base} bg-indigo-600 px-2.5 py-1 text-xs text-white shadow-sm hover:bg-indigo-500`,
} as const;

export const inputClass =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid=true]:ring-red-400';

export const linkClass = 'font-medium text-indigo-700 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600';
