using System;

namespace CampaignAnalytics.Generators.Model;

/// <summary>A location in a schema file as plain data (path, span, 0-based line and column).</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn);

/// <summary>
/// A diagnostic as plain, value-equatable data: the generator turns it into a Roslyn diagnostic only when it reports
/// it (<c>DiagnosticConversions</c>); the runtime library words it as an error (<c>DiagnosticTexts</c>).
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<EquatableString> Arguments);

/// <summary>A string that satisfies the IEquatable constraint of <see cref="EquatableArray{T}"/>.</summary>
internal readonly record struct EquatableString(string Value) : IEquatable<EquatableString>
{
    public override string ToString() => Value;
}
