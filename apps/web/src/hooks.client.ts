import type { HandleClientError } from '@sveltejs/kit';
import { describeError } from '$lib/errors.js';

/** Errors thrown while loading a route end on +error.svelte with a readable message. */
export const handleError: HandleClientError = ({ error, message }) => {
  const described = describeError(error);
  return { message: described.title === 'Something went wrong.' ? message : described.title };
};
