/** What callers of each demo agent say (see demo-history.ts). */

type Script = readonly [string, string, string, string, string, string];

/** What callers of each demo agent say; each call keeps the first two to six lines. */
export const demoScripts = {
  frontDesk: [
    [
      "Good day, thank you for calling Acme Dental & Co. How may I help you?",
      "Hi, I'd like to book a cleaning next week.",
      "Of course. Do mornings or afternoons suit you better?",
      "Tuesday morning, if possible.",
      "Tuesday at 9:30 is free. May I have your name and a phone number?",
      "Maria Lopez, 600 123 456. Thanks!",
    ],
    [
      "Good day, thank you for calling Acme Dental & Co. How may I help you?",
      "Are you open on Saturdays?",
      "We are, from 9 in the morning until 1 in the afternoon.",
      "Great. Do I need an appointment for a check-up?",
      "Yes, I can book one for you now or take a message.",
      "Please book me for Saturday at 10.",
    ],
    [
      "Good day, thank you for calling Acme Dental & Co. How may I help you?",
      "I have a bad toothache since last night.",
      "I'm sorry to hear that. We keep emergency slots every morning.",
      "Can I come in today?",
      "Yes, there is a slot at 11:15. Shall I reserve it?",
      "Yes please, I'll be there.",
    ],
  ],
  helpCenter: [
    [
      "Hi, this is the Acme Dental help center. What can I do for you?",
      "I think I was charged twice for my last visit.",
      "I'm sorry about that. Could you read me the invoice number?",
      "It's INV-2231.",
      "Thanks. I've flagged it for billing; you'll hear back within one business day.",
      "Perfect, thank you.",
    ],
    [
      "Hi, this is the Acme Dental help center. What can I do for you?",
      "Do you accept my insurance, Sanitas?",
      "Yes, we work with Sanitas for check-ups and cleanings.",
      "And for orthodontics?",
      "Orthodontics is partly covered; the clinic will give you a quote first.",
      "Okay, that helps.",
    ],
  ],
  bilingual: [
    [
      "Hello, hola! Thanks for calling Acme Dental & Co. English or español?",
      "Español, por favor.",
      "Claro. ¿En qué puedo ayudarle?",
      "Quería cambiar mi cita del jueves.",
      "Sin problema. ¿Le viene bien el viernes a las once?",
      "Sí, perfecto, gracias.",
    ],
    [
      "Hello, hola! Thanks for calling Acme Dental & Co. English or español?",
      "English, please. Where exactly are you?",
      "We're at Calle Mayor 12, two minutes from Sol metro station.",
      "Is there parking nearby?",
      "Yes, the public car park on Calle Arenal.",
      "Great, thanks.",
    ],
  ],
  pizzeria: [
    [
      "Ciao! Bella Pizzeria, what can I get you?",
      "Do you deliver to Riverside?",
      "We do, it takes about 35 minutes.",
      "Then one large margherita, please.",
      "One large margherita. What's the address?",
      "12 Oak Street.",
    ],
    [
      "Ciao! Bella Pizzeria, what can I get you?",
      "Do you have gluten-free bases?",
      "Yes, every pizza can be made gluten-free for one euro more.",
      "A gluten-free diavola then.",
      "Perfect. Pickup or delivery?",
      "Pickup at eight.",
    ],
  ],
} satisfies Record<string, readonly Script[]>;
