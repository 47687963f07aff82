import { Type, type TSchemaOptions } from 'typebox'

const INT32_MIN = -2147483648
const INT32_MAX = 2147483647

/** A .NET System.Int32: JSON numbers outside its range fail like Json.NET's overflow. */
export const Int32 = (options: TSchemaOptions & { minimum?: number, maximum?: number } = {}) =>
  Type.Integer({ minimum: INT32_MIN, maximum: INT32_MAX, ...options })

export const Guid = (options: TSchemaOptions = {}) =>
  Type.String({ format: 'uuid', examples: ['6b020d29-5fe8-47d0-bd89-ccd3339a5ebe'], ...options })

/** .NET DateTime text (round-trip form, with or without an offset). */
export const DotNetDateTime = (options: TSchemaOptions = {}) =>
  Type.String({ format: 'dotnet-datetime', examples: ['2018-11-18T02:14:27.5120788-08:00'], ...options })

/** .NET TimeSpan text `[d.]hh:mm:ss`. */
export const TimeSpanText = (options: TSchemaOptions = {}) =>
  Type.String({ format: 'timespan', examples: ['04:30:00'], ...options })

export const HttpErrorSchema = Type.Object({
  Message: Type.String(),
  MessageDetail: Type.Optional(Type.String()),
  ModelState: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String())))
}, { title: 'HttpError', description: 'ASP.NET Web API error body' })

export const OAuthErrorSchema = Type.Object({
  error: Type.String({ examples: ['invalid_grant'] }),
  error_description: Type.Optional(Type.String())
}, { title: 'OAuthError', description: 'OWIN OAuth error body' })

/** The error statuses every authenticated route can answer. */
export const authenticatedErrorResponses = {
  400: HttpErrorSchema,
  401: HttpErrorSchema,
  403: HttpErrorSchema,
  415: HttpErrorSchema,
  500: HttpErrorSchema
}
