package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.CollectionPart;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.springframework.stereotype.Component;

/**
 * Every column mapped with {@link EncryptedText} or {@link EncryptedBytes}, found in Hibernate's mapping model, so a
 * feature that encrypts a new column needs nothing but the {@code @Convert}: the re-encryption job covers it too.
 * Each comes with the columns that identify its rows (the entity's id, or a collection's owner key and map key).
 * The {@link RowBoundColumn}s features declare are added, marked row-bound.
 */
@Component
class EncryptedColumns {

    /** One encrypted column; a row-bound one ({@link RowBoundColumn}) is text with a single key column. */
    record Column(String table, List<String> keyColumns, String column, boolean binary, boolean rowBound) {
        Column(String table, List<String> keyColumns, String column, boolean binary) {
            this(table, keyColumns, column, binary, false);
        }

        String name() {
            return table + "." + column;
        }

        /** Where the row with these key values is, for a row-bound column. */
        RowBinding binding(Object[] keys) {
            return new RowBinding(table, column, String.valueOf(keys[0]));
        }
    }

    private final EntityManagerFactory entityManagerFactory;
    private final List<RowBoundColumn> rowBound;
    private volatile List<Column> columns;

    EncryptedColumns(EntityManagerFactory entityManagerFactory, List<RowBoundColumn> rowBound) {
        this.entityManagerFactory = entityManagerFactory;
        this.rowBound = List.copyOf(rowBound);
    }

    /** The encrypted columns, by table and column name. */
    List<Column> all() {
        List<Column> found = columns;
        if (found == null) {
            found = discover();
            columns = found;
        }
        return found;
    }

    private List<Column> discover() {
        List<Column> found = new ArrayList<>();
        SessionFactoryImplementor sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        sessionFactory.getMappingMetamodel().forEachEntityDescriptor(entity -> {
            List<String> ids = columnsOf(entity.getIdentifierMapping());
            entity.forEachAttributeMapping(attribute -> {
                if (attribute instanceof BasicValuedModelPart basic) {
                    converterOf(basic).ifPresent(binary -> found.add(new Column(basic.getContainingTableExpression(),
                            ids, basic.getSelectionExpression(), binary)));
                } else if (attribute instanceof PluralAttributeMapping plural
                        && plural.getElementDescriptor() instanceof BasicValuedModelPart element) {
                    converterOf(element).ifPresent(binary -> {
                        List<String> keys = new ArrayList<>(columnsOf(plural.getKeyDescriptor().getKeyPart()));
                        CollectionPart index = plural.getIndexDescriptor();
                        if (index != null) {
                            keys.addAll(columnsOf(index));
                        }
                        found.add(new Column(element.getContainingTableExpression(), List.copyOf(keys),
                                element.getSelectionExpression(), binary));
                    });
                }
            });
        });
        for (RowBoundColumn bound : rowBound) {
            found.add(new Column(bound.table(), List.of(bound.keyColumn()), bound.column(), false, true));
        }
        // An entity hierarchy reports an inherited column once per entity: keep it once.
        return found.stream().collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a, TreeMap::new)).values()
                .stream().toList();
    }

    /** Whether the part is converted by one of ours: empty when not, else whether it is binary. */
    private static Optional<Boolean> converterOf(BasicValuedModelPart part) {
        BasicValueConverter<?, ?> converter = part.getJdbcMapping().getValueConverter();
        if (converter instanceof JpaAttributeConverter<?, ?> jpa) {
            Class<? extends AttributeConverter<?, ?>> type = converterClass(jpa);
            if (type == EncryptedText.class) {
                return Optional.of(false);
            }
            if (type == EncryptedBytes.class) {
                return Optional.of(true);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends AttributeConverter<?, ?>> converterClass(JpaAttributeConverter<?, ?> converter) {
        return (Class<? extends AttributeConverter<?, ?>>) converter.getConverterJavaType().getJavaTypeClass();
    }

    private static List<String> columnsOf(ModelPart part) {
        List<String> names = new ArrayList<>();
        part.forEachSelectable((index, selectable) -> names.add(selectable.getSelectionExpression()));
        return List.copyOf(names);
    }
}
