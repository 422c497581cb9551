import type { MailKey } from "./en";

/** French: every key of the English mail, no more (a missing or extra key is a type error). */
export const fr: Record<MailKey, string> = {
  "layout.pasteLink": "Ou collez cette adresse dans votre navigateur :",
  "duration.hours": "{count} heures",
  "duration.minutes": "{count} minutes",

  "verification.subject": "Confirmez votre adresse e-mail",
  "verification.intro": "Confirmez votre adresse e-mail pour terminer la création de votre compte.",
  "verification.expiry": "Le lien ne sert qu’une fois et expire dans {duration}.",
  "verification.ignore": "Si vous ne venez pas de créer un compte, ignorez cet e-mail : rien ne se passe sans le lien.",
  "verification.action": "Confirmer l’adresse e-mail",

  "reset.subject": "Réinitialisez votre mot de passe",
  "reset.intro": "Quelqu’un a demandé à réinitialiser le mot de passe de votre compte.",
  "reset.expiry": "Le lien ne sert qu’une fois et expire dans {duration}. La réinitialisation déconnecte tous les appareils.",
  "reset.ignore": "Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe reste inchangé.",
  "reset.action": "Choisir un nouveau mot de passe",

  "alreadyRegistered.subject": "Vous avez déjà un compte",
  "alreadyRegistered.intro": "Quelqu’un a essayé de créer un compte avec cette adresse e-mail, mais vous en avez déjà un.",
  "alreadyRegistered.links": "Si c’était vous, connectez-vous sur {loginLink} ou réinitialisez votre mot de passe sur {forgotLink}.",
  "alreadyRegistered.ignore": "Si ce n’était pas vous, vous pouvez ignorer cet e-mail : votre compte est inchangé.",
  "alreadyRegistered.action": "Se connecter",

  "passwordChanged.subject": "Votre mot de passe a été modifié",
  "passwordChanged.intro": "Le mot de passe de votre compte vient d’être modifié, et tous vos autres appareils ont été déconnectés.",
  "passwordChanged.notYou": "Si ce n’était pas vous, réinitialisez immédiatement votre mot de passe sur {forgotLink}.",
  "passwordChanged.action": "Réinitialiser le mot de passe",

  "emailChange.subject": "Confirmez votre nouvelle adresse e-mail",
  "emailChange.intro": "Confirmez cette adresse pour en faire celle avec laquelle vous vous connectez.",
  "emailChange.expiry": "Le lien ne sert qu’une fois et expire dans {duration}. D’ici là, votre compte garde son ancienne adresse.",
  "emailChange.ignore": "Si vous n’avez rien demandé, ignorez cet e-mail : rien ne change sans le lien.",
  "emailChange.action": "Confirmer la nouvelle adresse",

  "emailChangeNotice.subject": "Un changement de votre adresse e-mail a été demandé",
  "emailChangeNotice.intro": "Quelqu’un connecté à votre compte a demandé à remplacer son adresse e-mail par {newEmail}.",
  "emailChangeNotice.pending": "Rien ne change tant que le lien envoyé à cette adresse n’a pas été ouvert.",
  "emailChangeNotice.notYou": "Si ce n’était pas vous, réinitialisez immédiatement votre mot de passe sur {forgotLink} : cela déconnecte tous les appareils et arrête le changement.",
  "emailChangeNotice.action": "Réinitialiser le mot de passe",

  "mfaChanged.enabled.subject": "La validation en deux étapes est activée",
  "mfaChanged.enabled.intro": "La validation en deux étapes vient d’être activée pour votre compte : la connexion demande désormais aussi un code de votre application.",
  "mfaChanged.removed.subject": "La validation en deux étapes est désactivée",
  "mfaChanged.removed.intro": "La validation en deux étapes vient d’être désactivée pour votre compte : la connexion ne demande plus que votre mot de passe.",
  "mfaChanged.reset.subject": "La validation en deux étapes a été réinitialisée",
  "mfaChanged.reset.intro": "Un administrateur a réinitialisé la validation en deux étapes de votre compte : les codes de votre application, vos codes de récupération et vos clés d’accès ne fonctionnent plus, et la connexion ne demande plus que votre mot de passe.",
  "mfaChanged.again": "Vous pouvez la configurer à nouveau sur la page de votre compte : {accountLink}",
  "mfaChanged.notYou": "Si ce n’était pas vous, réinitialisez immédiatement votre mot de passe sur {forgotLink}.",
  "mfaChanged.action": "Ouvrir votre compte",
};
