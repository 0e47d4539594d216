using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// Lets System.Text.Json (<c>JsonSerializer.Deserialize</c> and <c>Serialize</c>) use a generated model's reader and
/// writer; generated models name it in their <see cref="JsonConverterAttribute"/>.
/// </summary>
/// <typeparam name="TModel">The generated model.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ModelConverter<TModel> : JsonConverter<TModel>
    where TModel : class, IGeneratedModel<TModel>
{
    /// <inheritdoc />
    public override TModel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ModelReading.ReadFrom<TModel>(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TModel value, JsonSerializerOptions options) =>
        (value ?? throw new ArgumentNullException(nameof(value))).WriteTo(writer);
}
