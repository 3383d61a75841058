import { ApiError } from '../../api';
import { FormError } from '../FormError';

/**
 * The form's error, without repeating what the fields already say: when every problem belongs to a
 * field shown beside its input, a short pointer replaces the server's summary (which names fields by
 * their code names).
 */
export function FieldAwareError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (error instanceof ApiError && error.code === 'invalid') {
    const keys = Object.keys(error.fields);
    if (keys.length > 0 && keys.every((k) => fields.includes(k))) {
      return <FormError error={new Error(keys.length === 1 ? 'Please check the field marked in red.' : 'Please check the fields marked in red.')} />;
    }
  }
  return <FormError error={error} />;
}
