// Clear error pages in Danish: what happened and what to do. Never a stack trace.
import { errorMessage } from '../error-messages.js';

const BAD_REQUEST: [string, string] = [
  'Forkert forespørgsel',
  'Siden kunne ikke vises ud fra det, der blev sendt. Gå tilbage og prøv igen.',
];
const SERVER_ERROR: [string, string] = [
  'Der opstod en fejl',
  'Noget gik galt hos os. Fejlen er registreret. Prøv igen om lidt.',
];

const TEXT: Record<number, [string, string]> = {
  400: BAD_REQUEST,
  401: ['Log ind igen', 'Din session er udløbet. Log ind igen for at fortsætte.'],
  403: ['Ingen adgang', 'Din rolle giver ikke adgang til denne side eller handling.'],
  404: ['Siden findes ikke', 'Siden eller borgeren findes ikke, eller du har ikke adgang til den i din kommune.'],
  409: [
    'Ændringen kunne ikke gemmes',
    'Nogen har ændret de samme oplysninger samtidig. Åbn siden igen og gentag ændringen.',
  ],
  412: ['Oplysningerne er ændret', 'Oplysningerne er ændret, siden du åbnede dem. Åbn siden igen og gentag ændringen.'],
  500: SERVER_ERROR,
};

export function ErrorPage({ status, message, csrf }: { status: number; message?: string; csrf?: boolean }) {
  const [title, text] = TEXT[status] ?? (status >= 500 ? SERVER_ERROR : BAD_REQUEST);
  return (
    <>
      <h1>{title}</h1>
      <p>{csrf ? errorMessage('csrf.expired') : (message ?? text)}</p>
      <p>
        <a href="/">Gå til forsiden</a>
      </p>
    </>
  );
}
